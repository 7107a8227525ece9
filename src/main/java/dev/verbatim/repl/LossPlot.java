package dev.verbatim.repl;

import dev.verbatim.train.Trainer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A training curve: the mean training loss of each history point against the step, and the dev CER when measured. */
final class LossPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    static final int LEFT = 80;
    static final int RIGHT = 80;
    static final int TOP = 50;
    static final int BOTTOM = 60;
    static final Color LOSS = new Color(0x1F77B4);
    static final Color CER = new Color(0xE6550D);

    private LossPlot() {
    }

    /** Draws {@code history}, which must have at least one point. */
    static BufferedImage render(List<Trainer.HistoryPoint> history, String title) {
        BufferedImage img = Pictures.canvas(WIDTH, HEIGHT);
        Graphics2D g = Pictures.graphics(img);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        long minStep = Math.min(0, history.get(0).step());
        long maxStep = Math.max(minStep + 1, history.get(history.size() - 1).step());
        double maxLoss = 0;
        double maxCer = 0;
        boolean anyCer = false;
        for (Trainer.HistoryPoint p : history) {
            if (Double.isFinite(p.loss())) {
                maxLoss = Math.max(maxLoss, p.loss());
            }
            if (p.devCer() != null && Double.isFinite(p.devCer())) {
                maxCer = Math.max(maxCer, 100 * p.devCer());
                anyCer = true;
            }
        }
        double lossStep = Pictures.tickStep(maxLoss > 0 ? maxLoss : 1, 6);
        double lossTop = Math.max(lossStep, Math.ceil(maxLoss / lossStep) * lossStep);
        double cerStep = Pictures.tickStep(Math.max(1, Math.min(100, maxCer)), 5);
        double cerTop = Math.max(cerStep, Math.ceil(Math.min(100, maxCer) / cerStep) * cerStep);
        double xScale = plotW / (double) (maxStep - minStep);

        g.setFont(Pictures.TITLE_FONT);
        g.drawString(Pictures.fit(g, title, WIDTH - LEFT), LEFT, TOP - 28);
        g.setFont(Pictures.FONT);

        // Grid and the loss axis on the left.
        for (double v = 0; v <= lossTop + 1e-9; v += lossStep) {
            int y = TOP + plotH - (int) Math.round(v / lossTop * plotH);
            g.setColor(Pictures.GRID);
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(LOSS);
            Pictures.rightAligned(g, Pictures.tickLabel(v, lossStep), LEFT - 8, y + 4);
        }
        double stepTick = Pictures.tickStep(maxStep - minStep, 10);
        stepTick = Math.max(1, Math.round(stepTick));
        g.setColor(Pictures.INK);
        for (double s = Math.ceil(minStep / stepTick) * stepTick; s <= maxStep + 1e-9; s += stepTick) {
            int x = LEFT + (int) Math.round((s - minStep) * xScale);
            g.drawLine(x, TOP + plotH, x, TOP + plotH + 5);
            Pictures.centred(g, Pictures.tickLabel(s, stepTick), x, TOP + plotH + 19);
        }
        g.drawRect(LEFT, TOP, plotW, plotH);
        Pictures.centred(g, "step", LEFT + plotW / 2.0, HEIGHT - 18);
        g.setColor(LOSS);
        g.drawString("training loss", 8, TOP - 10);

        g.setStroke(new BasicStroke(2f));
        List<double[]> loss = new ArrayList<>();
        List<double[]> cer = new ArrayList<>();
        for (Trainer.HistoryPoint p : history) {
            double x = LEFT + (p.step() - minStep) * xScale;
            if (Double.isFinite(p.loss())) {
                loss.add(new double[] {x, TOP + plotH - p.loss() / lossTop * plotH});
            }
            if (p.devCer() != null && Double.isFinite(p.devCer())) {
                cer.add(new double[] {x, TOP + plotH - Math.min(100, 100 * p.devCer()) / cerTop * plotH});
            }
        }
        line(g, loss, LOSS);

        if (anyCer) {
            g.setStroke(new BasicStroke(1f));
            for (double v = 0; v <= cerTop + 1e-9; v += cerStep) {
                int y = TOP + plotH - (int) Math.round(v / cerTop * plotH);
                g.setColor(CER);
                g.drawLine(LEFT + plotW, y, LEFT + plotW + 5, y);
                g.drawString(Pictures.tickLabel(v, cerStep) + " %", LEFT + plotW + 8, y + 4);
            }
            Pictures.rightAligned(g, "dev CER", WIDTH - 8, TOP - 10);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f},
                    0f));
            line(g, cer, CER);
        }
        g.dispose();
        return img;
    }

    private static void line(Graphics2D g, List<double[]> points, Color color) {
        if (points.isEmpty()) {
            return;
        }
        g.setColor(color);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(points.get(0)[0], points.get(0)[1]);
        for (double[] p : points) {
            path.lineTo(p[0], p[1]);
        }
        g.draw(path);
        for (double[] p : points) {
            g.fillOval((int) Math.round(p[0]) - 3, (int) Math.round(p[1]) - 3, 7, 7);
        }
    }
}
