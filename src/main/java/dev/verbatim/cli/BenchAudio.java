package dev.verbatim.cli;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.audio.AudioStream;
import dev.verbatim.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Recordings and measurements for {@code verbatim bench transcribe}. */
final class BenchAudio {
    private static final int RATE = 16000;

    /** Peak resident memory (kB) and wall time of a child process. */
    record Peak(long peakRssKb, double wallSec, int exitCode) {
    }

    private BenchAudio() {
    }

    /**
     * Writes a 16 kHz mono recording of about {@code seconds}: the clips of {@code samplesDir} in a seeded random
     * order, separated by 0.3-2 s of quiet noise.
     */
    static void write(Path file, Path samplesDir, double seconds, long seed) throws IOException {
        List<float[]> clips = new ArrayList<>();
        try (Stream<Path> list = Files.list(samplesDir)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                clips.add(AudioLoader.loadMono(p, RATE));
            }
        }
        if (clips.isEmpty()) {
            throw new IOException(samplesDir + ": no .wav clips to build recordings from");
        }
        Random rng = new Random(seed);
        int target = Math.toIntExact(Math.round(seconds * RATE));
        float[] audio = new float[target];
        int n = 0;
        while (n < target) {
            int gap = Math.min(target - n, (int) ((0.3 + 1.7 * rng.nextDouble()) * RATE));
            for (int i = 0; i < gap; i++) {
                audio[n + i] = (float) (3e-4 * rng.nextGaussian());
            }
            n += gap;
            float[] clip = clips.get(rng.nextInt(clips.size()));
            int len = Math.min(target - n, clip.length);
            System.arraycopy(clip, 0, audio, n, len);
            n += len;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        WavWriter.writePcm16(file, audio, RATE);
    }

    static double totalSeconds(Path dir) throws IOException {
        double sum = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".wav")).toList()) {
                try (AudioStream in = AudioStream.open(p)) {
                    sum += in.durationSec();
                }
            }
        }
        return sum;
    }

    /**
     * Runs {@code verbatim transcribe -q FILE} in a child JVM of this installation and follows its peak resident
     * set size ({@code VmHWM} in /proc; Linux only).
     */
    static Peak peakOfChild(String javaOpts, Path model, Path file) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String opt : javaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "transcribe", "-q",
                "--model", model.toString(), file.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process ended between the check and the read
            }
            Thread.sleep(50);
        }
        return new Peak(peak, (System.nanoTime() - t0) / 1e9, p.waitFor());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
