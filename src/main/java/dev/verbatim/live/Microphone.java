package dev.verbatim.live;

import dev.verbatim.audio.SampleCodec;
import dev.verbatim.audio.SampleEncoding;
import dev.verbatim.audio.SampleFormat;
import dev.verbatim.audio.StreamResampler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * A capture device through {@code javax.sound}. The line is opened at a format the device accepts (devices often
 * offer only 44.1 or 48 kHz, often stereo); the audio is converted to mono and resampled to the model's rate here.
 */
public final class Microphone implements AudioSource {
    private static final int[] RATES = {16000, 48000, 44100, 32000, 22050, 96000, 8000};

    /**
     * A capture device.
     *
     * @param index   its number in {@link #devices()}
     * @param name    the mixer's name
     * @param detail  vendor and description
     * @param formats 16-bit PCM formats it accepts, concrete rates and channel counts, preferred first
     */
    public record Device(int index, String name, String detail, List<AudioFormat> formats) {
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(index).append(": ").append(name);
            if (!detail.isBlank()) {
                sb.append(" (").append(detail).append(")");
            }
            for (AudioFormat f : formats) {
                sb.append("\n     ").append(describe(f));
            }
            return sb.toString();
        }

        static String describe(AudioFormat f) {
            return String.format(Locale.ROOT, "%d Hz, %d-bit, %s", Math.round(f.getSampleRate()),
                    f.getSampleSizeInBits(), f.getChannels() == 1 ? "mono" : f.getChannels() + " channels");
        }
    }

    private final Device device;
    private final TargetDataLine line;
    private final AudioFormat format;
    private final SampleFormat sampleFormat;
    private final StreamResampler resampler;
    private final byte[] bytes;
    private final float[][] channels;

    private Microphone(Device device, TargetDataLine line, AudioFormat format, int targetRate) {
        this.device = device;
        this.line = line;
        this.format = format;
        this.sampleFormat = new SampleFormat(SampleEncoding.PCM_SIGNED, 2, format.isBigEndian());
        this.resampler = new StreamResampler(Math.round(format.getSampleRate()), targetRate);
        int frames = Math.max(1, Math.round(format.getSampleRate() / 10)); // 100 ms
        this.bytes = new byte[frames * format.getFrameSize()];
        this.channels = new float[format.getChannels()][frames];
    }

    /** Every mixer that can capture 16-bit PCM, with the formats it accepts. */
    public static List<Device> devices() {
        List<Device> out = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer;
            try {
                mixer = AudioSystem.getMixer(info);
            } catch (IllegalArgumentException | SecurityException e) {
                continue;
            }
            List<AudioFormat> formats = captureFormats(mixer);
            if (!formats.isEmpty()) {
                out.add(new Device(out.size(), info.getName(), (info.getVendor() + " " + info.getDescription()).trim(),
                        formats));
            }
        }
        return out;
    }

    private static List<AudioFormat> captureFormats(Mixer mixer) {
        Set<String> seen = new LinkedHashSet<>();
        List<AudioFormat> candidates = new ArrayList<>();
        for (int channels : new int[] {1, 2}) {
            for (int rate : RATES) {
                for (boolean bigEndian : new boolean[] {false, true}) {
                    candidates.add(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels,
                            2 * channels, rate, bigEndian));
                }
            }
        }
        List<AudioFormat> out = new ArrayList<>();
        for (AudioFormat f : candidates) {
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, f);
            String key = Math.round(f.getSampleRate()) + "/" + f.getChannels();
            if (!seen.contains(key) && mixer.isLineSupported(info)) {
                seen.add(key);
                out.add(f);
            }
        }
        // mono at the model's rate first, then the highest common rates in mono, then stereo
        out.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return out;
    }

    private static int rank(AudioFormat f) {
        int rate = Math.round(f.getSampleRate());
        int r = 0;
        while (r < RATES.length && RATES[r] != rate) {
            r++;
        }
        return (f.getChannels() - 1) * 100 + r;
    }

    /**
     * Opens a device: {@code selector} is its index in {@link #devices()}, or part of its name, or null for the
     * first one.
     */
    public static Microphone open(String selector, int targetRate) throws MicrophoneException {
        List<Device> devices = devices();
        if (devices.isEmpty()) {
            throw new MicrophoneException("no microphone: Java's sound system (javax.sound) sees no capture device "
                    + "on this machine. Connect one, or stream a file with --input FILE.wav");
        }
        Device device = select(devices, selector);
        Mixer mixer = mixerNamed(device.name());
        List<String> failures = new ArrayList<>();
        for (AudioFormat f : device.formats()) {
            try {
                TargetDataLine line = (TargetDataLine) mixer.getLine(new DataLine.Info(TargetDataLine.class, f));
                line.open(f, Math.max(f.getFrameSize() * Math.round(f.getSampleRate() / 2), 4096));
                line.start();
                return new Microphone(device, line, f, targetRate);
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                failures.add(Device.describe(f) + ": " + e.getMessage());
            }
        }
        throw new MicrophoneException("cannot open " + device.name() + " (busy, or it refused every format):\n  "
                + String.join("\n  ", failures) + "\navailable devices:\n" + list(devices));
    }

    private static Device select(List<Device> devices, String selector) throws MicrophoneException {
        if (selector == null || selector.isBlank()) {
            return devices.get(0);
        }
        try {
            int i = Integer.parseInt(selector.trim());
            if (i >= 0 && i < devices.size()) {
                return devices.get(i);
            }
        } catch (NumberFormatException notAnIndex) {
            // a name, then
        }
        for (Device d : devices) {
            if (d.name().toLowerCase(Locale.ROOT).contains(selector.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new MicrophoneException("no capture device '" + selector + "'; available devices:\n" + list(devices));
    }

    private static Mixer mixerNamed(String name) throws MicrophoneException {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(name)) {
                return AudioSystem.getMixer(info);
            }
        }
        throw new MicrophoneException("capture device '" + name + "' disappeared");
    }

    /** The devices, one per line with their formats, for messages. */
    public static String list(List<Device> devices) {
        if (devices.isEmpty()) {
            return "  (none)";
        }
        StringBuilder sb = new StringBuilder();
        for (Device d : devices) {
            sb.append("  ").append(d.describe().replace("\n", "\n  ")).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    public Device device() {
        return device;
    }

    public AudioFormat format() {
        return format;
    }

    @Override
    public float[] read() {
        int n = line.read(bytes, 0, bytes.length);
        int frames = n / format.getFrameSize();
        if (frames <= 0) {
            return line.isOpen() ? new float[0] : null;
        }
        SampleCodec.decode(bytes, 0, sampleFormat, format.getChannels(), channels, 0, frames);
        float[] mono = new float[frames];
        for (float[] c : channels) {
            for (int i = 0; i < frames; i++) {
                mono[i] += c[i];
            }
        }
        if (channels.length > 1) {
            for (int i = 0; i < frames; i++) {
                mono[i] /= channels.length;
            }
        }
        return resampler.process(mono);
    }

    @Override
    public String describe() {
        return device.name() + " at " + Device.describe(format);
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
