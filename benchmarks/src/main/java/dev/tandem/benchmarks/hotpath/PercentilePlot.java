package dev.tandem.benchmarks.hotpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latency by percentile as an SVG, drawn as HdrHistogram's plots are: the x axis is the percentile on a log scale of
 * {@code 1 / (1 − p)} (0 %, 90 %, 99 %, 99.9 % ... equally spaced), so that the tail gets the room; the y axis is the
 * latency in ms, on a log scale too, since the floors and the all-sync variant lie orders of magnitude apart.
 * Hand-written SVG, no dependency.
 */
final class PercentilePlot {

    /** One line: a name for the legend, its colour, its points. */
    record Series(String name, String colour, List<Point> points) {
    }

    /** A latency at a percentile (0 to 100). */
    record Point(double percentile, double millis) {
    }

    /** A dashed horizontal line, such as a goal. */
    record Guide(String label, double millis) {
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 210;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final double LOWEST_MILLIS = 0.01;

    private PercentilePlot() {
    }

    /** The histogram's (µs) percentile curve, as HdrHistogram's percentile output gives it (5 ticks per half). */
    static List<Point> points(Histogram micros) {
        var points = new ArrayList<Point>();
        for (HistogramIterationValue value : micros.percentiles(5)) {
            points.add(new Point(value.getPercentileLevelIteratedTo(),
                    micros.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0));
        }
        return points;
    }

    /** How many decades of {@code 1 / (1 − p)} the x axis spans: enough for the largest count, 2 to 6. */
    static int decades(long samples) {
        return (int) Math.max(2, Math.min(6, Math.ceil(Math.log10(Math.max(1, samples)))));
    }

    /** The x position of a percentile, in decades of {@code 1 / (1 − p)}: 0 at 0 %, 1 at 90 %, 2 at 99 % ... */
    static double decadesOf(double percentile, int decades) {
        double rest = 1 - percentile / 100;
        return rest <= Math.pow(10, -decades) ? decades : Math.log10(1 / rest);
    }

    /** The label of decade {@code d}: 0 %, 90 %, 99 %, 99.9 % ... */
    static String percentileLabel(int d) {
        if (d == 0) {
            return "0%";
        }
        return String.format(Locale.ROOT, "%." + Math.max(0, d - 2) + "f%%", 100 * (1 - Math.pow(10, -d)));
    }

    static String svg(String title, List<Series> series, List<Guide> guides, long samples) {
        int decades = decades(samples);
        double lowest = Math.max(LOWEST_MILLIS, series.stream().flatMap(s -> s.points().stream())
                .mapToDouble(Point::millis).filter(v -> v > 0).min().orElse(1));
        double highest = Math.max(lowest * 10, series.stream().flatMap(s -> s.points().stream())
                .mapToDouble(Point::millis).max().orElse(10));
        for (Guide guide : guides) {
            highest = Math.max(highest, guide.millis());
        }
        int yFrom = (int) Math.floor(Math.log10(lowest));
        int yTo = (int) Math.ceil(Math.log10(highest));
        var axes = new Axes(decades, yFrom, yTo);
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, "middle", escape(title), "font-size=\"14\""));
        for (int d = 0; d <= decades; d++) {
            double x = axes.x(d);
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#ddd", ""));
            svg.append(text(x, HEIGHT - BOTTOM + 18, "middle", percentileLabel(d), ""));
        }
        for (int e = yFrom; e <= yTo; e++) {
            double y = axes.y(Math.pow(10, e));
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd", ""));
            svg.append(text(LEFT - 8, y + 4, "end", millisLabel(e), ""));
        }
        svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, HEIGHT - 18, "middle", "percentile", ""));
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90"
                + " 18 %.1f)\">latency (ms, log scale)</text>%n", HEIGHT / 2.0, HEIGHT / 2.0));
        for (Guide guide : guides) {
            double y = axes.y(guide.millis());
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#888", " stroke-dasharray=\"6 4\""));
            svg.append(text(WIDTH - RIGHT - 4, y - 4, "end", escape(guide.label()), "fill=\"#555\""));
        }
        int legend = 0;
        for (Series s : series) {
            var path = new StringBuilder();
            for (Point p : s.points()) {
                path.append(String.format(Locale.ROOT, "%.1f,%.1f ", axes.x(decadesOf(p.percentile(), decades)),
                        axes.y(Math.max(p.millis(), Math.pow(10, yFrom)))));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                    + " points=\"%s\"/>%n", s.colour(), path.toString().strip()));
            double y = TOP + 10 + 22 * legend++;
            svg.append(line(WIDTH - RIGHT + 16, y, WIDTH - RIGHT + 40, y, s.colour(), " stroke-width=\"3\""));
            svg.append(text(WIDTH - RIGHT + 46, y + 4, "start", escape(s.name()), ""));
        }
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333", ""));
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333", ""));
        return svg.append("</svg>\n").toString();
    }

    /** Data to pixels. */
    private record Axes(int decades, int yFrom, int yTo) {

        double x(double decade) {
            return LEFT + decade / decades * (WIDTH - LEFT - RIGHT);
        }

        double y(double millis) {
            double share = (Math.log10(millis) - yFrom) / (yTo - yFrom);
            return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static String millisLabel(int exponent) {
        return exponent >= 0 ? String.format(Locale.ROOT, "%.0f", Math.pow(10, exponent))
                : String.format(Locale.ROOT, "%." + -exponent + "f", Math.pow(10, exponent));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String more) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, colour, more);
    }

    private static String text(double x, double y, String anchor, String content, String more) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n", x, y,
                anchor, more, content);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
