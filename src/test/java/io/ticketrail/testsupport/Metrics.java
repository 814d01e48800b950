package io.ticketrail.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** The Prometheus scrape at /q/metrics, read as an operator's dashboard reads it: by name and labels. */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private Metrics(List<Sample> samples) {
        this.samples = samples;
    }

    public static Metrics scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new Metrics(samples);
    }

    /** The samples of {@code name} whose labels include {@code labels} ("key=value" each). */
    public List<Sample> samples(String name, String... labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && hasAll(s, labels))
                .toList();
    }

    /** The sum of those samples; 0 when there are none (a counter not yet incremented is not exported). */
    public double sum(String name, String... labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private static boolean hasAll(Sample sample, String... labels) {
        for (String label : labels) {
            String[] kv = label.split("=", 2);
            if (!kv[1].equals(sample.labels().get(kv[0]))) {
                return false;
            }
        }
        return true;
    }
}
