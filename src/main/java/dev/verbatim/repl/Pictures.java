package dev.verbatim.repl;

import dev.verbatim.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Drawing helpers shared by the spectrogram and the loss plot: PNG output, axis ticks, the heat-map colours. */
final class Pictures {
    static {
        headless();
    }

    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(0x222222);
    static final Color GRID = new Color(0xDDDDDD);
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font MONO = new Font(Font.MONOSPACED, Font.BOLD, 13);

    /** Heat-map anchors from quiet to loud: near black, violet, red, orange, pale yellow. */
    private static final int[] HEAT = {0x08051A, 0x3B0F70, 0x8C2981, 0xDE4968, 0xFE9F6D, 0xFCFDBF};

    private Pictures() {
    }

    /** Makes java.awt work without a display; called before any image is drawn. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** A white canvas with antialiased text and lines. */
    static BufferedImage canvas(int width, int height) {
        headless();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        g.setColor(INK);
        return g;
    }

    /** Writes {@code img} as a PNG, atomically; the folder must exist. */
    static void writePng(BufferedImage img, Path out) throws IOException, ReplException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ReplException("folder " + parent + " does not exist");
        }
        if (Files.isDirectory(out)) {
            throw new ReplException(out + " is a folder; give a file name ending in .png");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        AtomicFiles.write(out, bytes.toByteArray());
    }

    /** The colour of {@code v} in [0, 1] on the heat map. */
    static int heat(double v) {
        double x = Math.max(0, Math.min(1, v)) * (HEAT.length - 1);
        int i = Math.min(HEAT.length - 2, (int) x);
        double f = x - i;
        int a = HEAT[i];
        int b = HEAT[i + 1];
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - f) + ((b >> 16) & 0xFF) * f);
        int gr = (int) Math.round(((a >> 8) & 0xFF) * (1 - f) + ((b >> 8) & 0xFF) * f);
        int bl = (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
        return (r << 16) | (gr << 8) | bl;
    }

    /** A round tick spacing (1, 2 or 5 times a power of ten) giving at most about {@code maxTicks} ticks. */
    static double tickStep(double range, int maxTicks) {
        if (!(range > 0)) {
            return 1;
        }
        double raw = range / Math.max(1, maxTicks);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick label with no more decimals than the spacing needs. */
    static String tickLabel(double value, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Draws {@code text} centred on {@code x} with its baseline at {@code y}. */
    static void centred(Graphics2D g, String text, double x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (int) Math.round(x - fm.stringWidth(text) / 2.0), y);
    }

    /** Draws {@code text} ending at {@code x}. */
    static void rightAligned(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text), y);
    }

    /** {@code text} cut to fit {@code width} pixels, with an ellipsis when cut. */
    static String fit(Graphics2D g, String text, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (!s.isEmpty() && fm.stringWidth(s + "...") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "...";
    }
}
