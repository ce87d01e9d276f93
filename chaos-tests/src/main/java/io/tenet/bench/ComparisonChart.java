package io.tenet.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Horizontal bars, one group per metric and one bar per system in it, on a linear scale, as a PNG. */
final class ComparisonChart {
  private static final int BAR = 22;
  private static final int GAP = 14;
  private static final int LABEL_WIDTH = 160;
  private static final int BAR_WIDTH = 520;
  private static final List<Color> COLORS = List.of(new Color(0x2f6fae), new Color(0xc0504d), new Color(0x9bbb59));

  private ComparisonChart() {}

  /** {@code values}: per system (in legend order), one value per metric. */
  static void write(String title, String unit, List<String> metrics, Map<String, List<Double>> values, Path png) throws IOException {
    int systems = values.size();
    int height = 70 + metrics.size() * (systems * BAR + GAP);
    BufferedImage image = new BufferedImage(LABEL_WIDTH + BAR_WIDTH + 130, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), height);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, 10, 22);
    double max = values.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int legendX = 10;
    int s = 0;
    for (String system : values.keySet()) {
      g.setColor(COLORS.get(s++ % COLORS.size()));
      g.fillRect(legendX, 34, 12, 12);
      g.setColor(Color.DARK_GRAY);
      g.drawString(system, legendX + 16, 45);
      legendX += 30 + g.getFontMetrics().stringWidth(system);
    }
    int y = 60;
    for (int m = 0; m < metrics.size(); m++) {
      g.setColor(Color.DARK_GRAY);
      g.drawString(metrics.get(m), 10, y + BAR - 6);
      s = 0;
      for (List<Double> series : values.values()) {
        double value = series.get(m);
        int width = (int) Math.max(2, BAR_WIDTH * value / max);
        g.setColor(COLORS.get(s++ % COLORS.size()));
        g.fillRect(LABEL_WIDTH, y + 2, width, BAR - 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.0f %s", value, unit), LABEL_WIDTH + width + 6, y + BAR - 6);
        y += BAR;
      }
      y += GAP;
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }
}
