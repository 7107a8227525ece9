package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.lm.NgramModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build-lm, tune-lm and the decoding options of transcribe, as a user runs them. */
class LanguageModelCommandsTest {
    private static final Path MODEL = Path.of("models", "default");
    private static final Path SAMPLES = Path.of("audio-samples");

    private static Path copyModel(Path dir) throws Exception {
        Path m = dir.resolve("model");
        Files.createDirectories(m);
        try (Stream<Path> files = Files.list(MODEL)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, m.resolve(f.getFileName()));
            }
        }
        return m;
    }

    @Test
    void buildTuneAndUseALanguageModel(@TempDir Path dir) throws Exception {
        // text: the samples' own transcripts and a few other sentences (a test of the plumbing, not of accuracy)
        List<String> lines = Files.readAllLines(SAMPLES.resolve("transcripts.tsv")).stream()
                .map(l -> l.split("\t")[1]).toList();
        Path text = dir.resolve("text.txt");
        Files.write(text, Stream.concat(lines.stream(), Stream.of("the cat sat on the mat", "one two three"))
                .toList());
        Path arpa = dir.resolve("lm.arpa");
        var build = TranscribeEndToEndTest.run("build-lm", "--text", text.toString(), "--order", "3",
                "--min-count", "1,1,1", "--out", arpa.toString());
        assertEquals(0, build.exitCode(), build.err());
        NgramModel lm = NgramModel.readArpa(arpa);
        assertEquals(3, lm.order());
        assertTrue(lm.contains("mat") && lm.contains("three"));

        Path model = copyModel(dir);
        var tune = TranscribeEndToEndTest.run("tune-lm", "--model", model.toString(), "--lm", arpa.toString(),
                "--dev", SAMPLES.resolve("transcripts.tsv").toString(), "--alphas", "0,0.5", "--betas", "0,2",
                "--blank-penalties", "0,1.5", "--oov-penalties", "0,5", "--beam-width", "4", "--write");
        assertEquals(0, tune.exitCode(), tune.err());
        assertTrue(tune.out().contains("blank penalty 0.00, oov penalty 5.00")
                && tune.out().contains("blank penalty 1.50, oov penalty 0.00"), tune.out());
        java.util.regex.Matcher best = java.util.regex.Pattern.compile("best: alpha ([0-9.]+), beta ([0-9.]+), "
                + "blank penalty ([0-9.]+), oov penalty ([0-9.]+)").matcher(tune.out());
        assertTrue(best.find(), tune.out());
        Recognizer tuned = Recognizer.load(model);
        assertEquals(DecoderConfig.BEAM, tuned.bundle().decoder().method());
        assertEquals("lm.arpa", tuned.bundle().decoder().languageModel());
        assertTrue(tuned.languageModel() != null && Files.exists(model.resolve("lm.arpa")));
        assertEquals(4, tuned.bundle().decoder().beamWidth());
        assertEquals(Double.parseDouble(best.group(1)), tuned.bundle().decoder().lmWeight());
        assertEquals(Double.parseDouble(best.group(2)), tuned.bundle().decoder().wordBonus());
        assertEquals(Double.parseDouble(best.group(3)), tuned.bundle().decoder().blankPenalty());
        assertEquals(Double.parseDouble(best.group(4)), tuned.bundle().decoder().oovPenalty());

        // without --beam-width the search runs, and is written, at the model's own beam width (eval and transcribe
        // decode with it), not at a default of the decoder
        Path shipped = copyModel(dir.resolve("shipped"));
        int shippedBeam = Recognizer.load(shipped).bundle().decoder().beamWidth();
        var own = TranscribeEndToEndTest.run("tune-lm", "--model", shipped.toString(),
                "--dev", SAMPLES.resolve("transcripts.tsv").toString(), "--limit", "2", "--alphas", "0.5",
                "--betas", "1", "--write");
        assertEquals(0, own.exitCode(), own.err());
        assertTrue(own.out().contains("(beam " + shippedBeam + ")"), own.out());
        assertEquals(shippedBeam, Recognizer.load(shipped).bundle().decoder().beamWidth());

        // a missing language model file is named
        Files.delete(model.resolve("lm.arpa"));
        var broken = TranscribeEndToEndTest.run("transcribe", "--model", model.toString(),
                SAMPLES.resolve("synth-us-nyc-m6.wav").toString());
        assertTrue(broken.exitCode() != 0);
        assertTrue(broken.err().contains("lm.arpa") && broken.err().contains("missing"), broken.err());
    }

    @Test
    void compactQuantizesTheLanguageModelAndTranscribesAlike(@TempDir Path dir) throws Exception {
        Path model = copyModel(dir);
        Path text = dir.resolve("text.txt");
        Files.write(text, Stream.concat(Files.readAllLines(SAMPLES.resolve("transcripts.tsv")).stream()
                .map(l -> l.split("\t")[1]), Stream.of("the cat sat on the mat", "one two three")).toList());
        var build = TranscribeEndToEndTest.run("build-lm", "--text", text.toString(), "--order", "3",
                "--min-count", "1,1,1", "--out", model.resolve("lm.arpa").toString());
        assertEquals(0, build.exitCode(), build.err());
        Recognizer original = Recognizer.load(model);
        Files.writeString(model.resolve("config.json"), Files.readString(model.resolve("config.json"))
                .replace("\"lm.bin\"", "\"lm.arpa\""));
        Files.delete(model.resolve("lm.bin"));
        List<String> before = transcripts(model);

        var compact = TranscribeEndToEndTest.run("compact", "--model", model.toString());
        assertEquals(0, compact.exitCode(), compact.err());
        assertTrue(compact.out().contains("quantized"), compact.out());
        assertEquals(dev.verbatim.model.WeightsFile.Storage.INT8,
                dev.verbatim.model.WeightsFile.storage(model.resolve("weights.bin")));
        assertTrue(Files.exists(model.resolve("lm.bin")) && !Files.exists(model.resolve("lm.arpa")));
        assertTrue(NgramModel.isQuantized(model.resolve("lm.bin")));
        Recognizer compacted = Recognizer.load(model);
        assertEquals("lm.bin", compacted.bundle().decoder().languageModel());
        assertEquals(original.bundle().decoder().lmWeight(), compacted.bundle().decoder().lmWeight());
        List<String> after = transcripts(model);
        assertEquals(before.size(), after.size());
        long same = java.util.stream.IntStream.range(0, before.size()).filter(i -> before.get(i).equals(after.get(i)))
                .count();
        assertTrue(same >= before.size() - 1, before + " vs " + after);

        var again = TranscribeEndToEndTest.run("compact", "--model", model.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("already quantized") && again.out().contains("already 8-bit"), again.out());
        var wrong = TranscribeEndToEndTest.run("build-lm", "--text", text.toString(), "--quantize", "--out",
                dir.resolve("x.arpa").toString());
        assertTrue(wrong.exitCode() != 0 && wrong.err().contains(".bin"), wrong.err());
    }

    private static List<String> transcripts(Path model) throws Exception {
        var run = TranscribeEndToEndTest.run("transcribe", "--model", model.toString(), "-f", "tsv",
                SAMPLES.toString());
        assertEquals(0, run.exitCode(), run.err());
        return run.out().lines().filter(l -> l.contains("\t")).sorted().toList();
    }

    @Test
    void aLargeOovPenaltyKeepsTranscriptsToTheLanguageModelsWords() throws Exception {
        Recognizer shipped = Recognizer.load(MODEL);
        NgramModel lm = shipped.languageModel();
        var run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL.toString(), "-f", "txt",
                "--oov-penalty", "1000", SAMPLES.toString());
        assertEquals(0, run.exitCode(), run.err());
        var free = TranscribeEndToEndTest.run("transcribe", "--model", MODEL.toString(), "-f", "txt",
                "--oov-penalty", "0", SAMPLES.toString());
        assertEquals(0, free.exitCode(), free.err());
        assertTrue(words(run.out()).size() > 20, run.out());
        // A word that leaves the LM's spellings is charged at once and loses to any known word in the beam. An
        // unknown word can still survive where every hypothesis in the beam is spelling one (the penalty lowers them
        // all alike): at the end of a recording, or mid-utterance when all 32 share one unknown prefix (session 24's
        // model keeps "excesting" so). So: few unknown words with the penalty, far fewer than without.
        List<String> all = words(run.out());
        long unknownWithPenalty = all.stream().filter(w -> !lm.contains(w)).count();
        assertTrue(unknownWithPenalty * 10 <= all.size(), "unknown words: " + unknownWithPenalty + " of " + all.size()
                + "\n" + run.out());
        long unknownWithout = words(free.out()).stream().filter(w -> !lm.contains(w)).count();
        assertTrue(unknownWithPenalty < unknownWithout, "unknown words: " + unknownWithPenalty + " with the penalty, "
                + unknownWithout + " without\n" + run.out() + "\n" + free.out());
        var bad = TranscribeEndToEndTest.run("transcribe", "--model", MODEL.toString(), "--oov-penalty", "NaN",
                SAMPLES.toString());
        assertTrue(bad.exitCode() != 0 && bad.err().contains("oovPenalty"), bad.err());
    }

    @Test
    void aWordListLimitsWhatTranscribeCanSay(@TempDir Path dir) throws Exception {
        Set<String> digits = Set.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        Path list = dir.resolve("digits.txt");
        Files.write(list, digits);
        var run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL.toString(), "-f", "txt", "--vocabulary",
                list.toString(), SAMPLES.resolve("fsdd-george-4179.wav").toString(),
                SAMPLES.resolve("synth-us-nyc-m6.wav").toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] words = run.out().trim().split("\\s+");
        assertTrue(words.length > 0 && !run.out().isBlank());
        for (String w : words) {
            assertTrue(digits.contains(w), "'" + w + "' is not in the list: " + run.out());
        }
        var bad = TranscribeEndToEndTest.run("transcribe", "--model", MODEL.toString(), "--hotword", "nocolon",
                SAMPLES.resolve("synth-us-nyc-m6.wav").toString());
        assertTrue(bad.exitCode() != 0 && bad.err().contains("WORD:BOOST"), bad.err());
    }

    @Test
    void nBestAlternativesInJson() throws Exception {
        var run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL.toString(), "-f", "json", "-q",
                "--decoder", "beam", "--beam-width", "8", "--n-best", "3",
                SAMPLES.resolve("matthes-LJ002-0012.wav").toString());
        assertEquals(0, run.exitCode(), run.err());
        var seg = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("segments").get(0);
        var alts = seg.get("alternatives");
        assertTrue(alts.size() >= 2 && alts.size() <= 3, alts.toString());
        assertEquals(seg.get("text").asText(), alts.get(0).get("text").asText());
        for (int i = 1; i < alts.size(); i++) {
            assertTrue(alts.get(i).get("score").asDouble() <= alts.get(i - 1).get("score").asDouble());
            assertTrue(!alts.get(i).get("text").asText().equals(alts.get(i - 1).get("text").asText()));
        }
    }
    @Test
    void lmEvalReportsPerplexityAndOovOfTextAndManifests(@TempDir Path dir) throws Exception {
        Path lm = Path.of("src/test/resources/lm/tiny.arpa");
        Path seen = Path.of("src/test/resources/lm/tiny.txt");
        Path manifest = dir.resolve("dev.tsv");
        Files.write(manifest, List.of("a.wav\tThe zebra sat on the mat.", "b.wav\tmat the on sat cat the"));
        var run = TranscribeEndToEndTest.run("lm-eval", "--lm", lm.toString(), seen.toString(), manifest.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().trim().split("\n");
        assertEquals(4, lines.length, run.out());                 // header, two files, all
        String[] text = lines[1].trim().split("\\s+");
        String[] dev = lines[2].trim().split("\\s+");
        assertEquals("5", text[1]);                               // sentences
        assertEquals(0.0, Double.parseDouble(text[3]));           // OOV %: the model was built from this text
        assertEquals("2", dev[1]);
        assertEquals("12", dev[2]);                               // words, after normalisation
        assertEquals(100.0 / 12, Double.parseDouble(dev[3]), 0.01); // "zebra"
        assertTrue(Double.parseDouble(text[5]) < Double.parseDouble(dev[5]), run.out());
        assertTrue(lines[3].startsWith("all"), run.out());

        var missing = TranscribeEndToEndTest.run("lm-eval", "--lm", lm.toString(), dir.resolve("nope.txt").toString());
        assertTrue(missing.exitCode() != 0 && missing.err().contains("nope.txt"), missing.err());
    }
    @Test
    void buildLmAddsDictionaryWordsAndRejectsABadList(@TempDir Path dir) throws Exception {
        Path text = Path.of("src/test/resources/lm/tiny.txt");
        Path words = dir.resolve("words.txt");
        Files.write(words, List.of("Zebra", "", "cat", "aardvarks"));
        Path lmFile = dir.resolve("lm.bin");
        var build = TranscribeEndToEndTest.run("build-lm", "--text", text.toString(), "--order", "3", "--add-words",
                words.toString(), "--out", lmFile.toString());
        assertEquals(0, build.exitCode(), build.err());
        NgramModel lm = NgramModel.read(lmFile);
        assertTrue(lm.contains("zebra") && lm.contains("aardvarks") && lm.contains("cat"));
        assertEquals(lm.storedLog10Prob("<unk>"), lm.storedLog10Prob("zebra"), 1e-6);
        assertTrue(lm.storedLog10Prob("cat") > lm.storedLog10Prob("zebra"));

        Files.write(words, List.of("zebra", "two words"));
        var bad = TranscribeEndToEndTest.run("build-lm", "--text", text.toString(), "--add-words", words.toString(),
                "--out", dir.resolve("bad.bin").toString());
        assertTrue(bad.exitCode() != 0 && bad.err().contains(words.toString()) && bad.err().contains("two words"),
                bad.err());
        assertTrue(Files.notExists(dir.resolve("bad.bin")));
    }

    @Test
    void tuneLmSearchesAConfidenceDependentWeightAndWritesTheBest(@TempDir Path dir) throws Exception {
        Path model = copyModel(dir);
        String samples = SAMPLES.resolve("transcripts.tsv").toString();
        var tune = TranscribeEndToEndTest.run("tune-lm", "--model", model.toString(), "--dev", samples,
                "--confident-lm-weights", "0,3", "--confident-above", "0.5,0.99", "--write");
        assertEquals(0, tune.exitCode(), tune.err());
        java.util.regex.Matcher one = java.util.regex.Pattern.compile("one weight \\(alpha ([0-9.]+)\\): WER "
                + "([0-9.]+) %").matcher(tune.out());
        assertTrue(one.find(), tune.out());
        // a threshold of 0.99 leaves every sample below it: the row is the one weight's WER in both columns
        assertTrue(tune.out().contains(String.format(java.util.Locale.ROOT, "%14.2f%8.2f%%%8.2f%%", 0.99,
                Double.parseDouble(one.group(2)), Double.parseDouble(one.group(2)))), tune.out());
        // above 0.5 every sample is confident: alpha 0 there is beam search with the language model silenced
        Recognizer before = Recognizer.load(MODEL);
        DecoderConfig silent = before.bundle().decoder().withConfidentLmWeight(0, 0);
        silent = silent.withBeam(silent.beamWidth(), 0, silent.wordBonus());
        Recognizer zero = before.withDecoding(silent, before.languageModel(), null, Map.of());
        dev.verbatim.eval.EvalReport report = new dev.verbatim.eval.EvalReport();
        for (var u : dev.verbatim.data.Manifest.read(Path.of(samples))) {
            report.add(u.audio().toString(), u.transcript(), zero.transcribeFile(u.audio()).text());
        }
        assertTrue(tune.out().contains(String.format(java.util.Locale.ROOT, "%14.2f%8.2f%%", 0.5,
                100 * report.wer())), tune.out() + "\nalpha 0: " + report.wer());
        java.util.regex.Matcher best = java.util.regex.Pattern.compile("best: (one weight|weight ([0-9.]+) above "
                + "confidence ([0-9.]+))").matcher(tune.out());
        assertTrue(best.find(), tune.out());
        DecoderConfig written = Recognizer.load(model).bundle().decoder();
        if (best.group(2) == null) {
            assertEquals(0, written.confidentAbove());
        } else {
            assertEquals(Double.parseDouble(best.group(2)), written.confidentLmWeight());
            assertEquals(Double.parseDouble(best.group(3)), written.confidentAbove());
        }
        assertEquals(before.bundle().decoder().lmWeight(), written.lmWeight());

        var bad = TranscribeEndToEndTest.run("tune-lm", "--model", model.toString(), "--dev", samples,
                "--confident-lm-weights", "1", "--confident-above", "1.2");
        assertTrue(bad.exitCode() != 0 && bad.err().contains("--confident-above wants confidences between 0 and 1"),
                bad.err());
    }

    /** The words of transcribe's txt output (one line per file), in order. */
    private static List<String> words(String out) {
        return out.lines().flatMap(l -> Stream.of(l.trim().split(" +"))).filter(w -> !w.isEmpty()).toList();
    }
}
