package io.tenet.bench.jmh;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A horizontal bar per result on a log scale (the results span microseconds to milliseconds), as a PNG. */
final class BarChart {
  private static final int ROW = 26;
  private static final int LABEL_WIDTH = 470;
  private static final int BAR_WIDTH = 480;

  private BarChart() {}

  static void write(List<JmhSuite.ResultRow> rows, Path png) throws IOException {
    int height = 60 + ROW * rows.size();
    BufferedImage image = new BufferedImage(LABEL_WIDTH + BAR_WIDTH + 140, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), height);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString("Average time per operation (log scale)", 10, 24);
    double max = rows.stream().mapToDouble(JmhSuite.ResultRow::score).max().orElse(1);
    double min = rows.stream().mapToDouble(JmhSuite.ResultRow::score).filter(v -> v > 0).min().orElse(1);
    double low = Math.floor(Math.log10(min));
    double span = Math.max(1, Math.ceil(Math.log10(max)) - low);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < rows.size(); i++) {
      JmhSuite.ResultRow row = rows.get(i);
      int y = 44 + i * ROW;
      g.setColor(Color.DARK_GRAY);
      g.drawString(row.label(), 10, y + 15);
      int width = (int) Math.max(2, BAR_WIDTH * (Math.log10(Math.max(row.score(), min)) - low + 0.05) / span);
      g.setColor(new Color(0x2f6fae));
      g.fillRect(LABEL_WIDTH, y + 3, width, ROW - 8);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.1f %s", row.score(), row.unit()), LABEL_WIDTH + width + 6, y + 15);
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }
}
