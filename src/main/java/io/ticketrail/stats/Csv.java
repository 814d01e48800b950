package io.ticketrail.stats;

/** RFC 4180 cells, safe to open in a spreadsheet. */
final class Csv {

    private Csv() {}

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // a cell starting like a formula would run as one in a spreadsheet (CSV injection): make it text
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
