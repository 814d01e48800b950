package io.ticketrail.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;

/** Parsing what a screen sends: the view in the query string, and its hello. */
final class FeedRequest {

    private FeedRequest() {}

    /**
     * The view named in the query string; the first value counts when a name is repeated. Decoded by Netty's
     * QueryStringDecoder, as Vert.x decodes request parameters: the WebSocket handshake hands over only the raw query.
     */
    static FeedView view(String query) {
        Map<String, List<String>> params =
                new QueryStringDecoder(query == null ? "" : query, StandardCharsets.UTF_8, false).parameters();
        return FeedView.parse(first(params, "view"), first(params, "station"));
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The hello: {@code {"type":"hello"}} or with {@code "resume":{"epoch":E,"seq":N}}.
     *
     * @throws IllegalArgumentException when it is anything else
     */
    static Optional<LocationFeed.Resume> hello(ObjectMapper json, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (message == null
                || !message.isObject()
                || !"hello".equals(message.path("type").asText())) {
            throw new IllegalArgumentException("the first message must be {\"type\":\"hello\"}");
        }
        JsonNode resume = message.get("resume");
        if (resume == null || resume.isNull()) {
            return Optional.empty();
        }
        JsonNode seq = resume.get("seq");
        if (!resume.path("epoch").isTextual() || seq == null || !seq.canConvertToLong() || seq.asLong() < 0) {
            throw new IllegalArgumentException("resume needs an epoch (uuid) and a seq (>= 0)");
        }
        try {
            return Optional.of(
                    new LocationFeed.Resume(UUID.fromString(resume.get("epoch").asText()), seq.asLong()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resume.epoch is not a uuid");
        }
    }

    /** What a screen says it rendered: {@code seq}, and optionally the page it shows. */
    record Ack(long seq, String page) {}

    /** Longer page descriptions are cut: they are shown to a manager, never interpreted. */
    static final int MAX_PAGE = 200;

    /**
     * An acknowledgement after the hello: {@code {"type":"ack","seq":N,"page":"..."}}; empty for anything else,
     * which protocol v1 ignores rather than treats as fatal.
     */
    static Optional<Ack> ack(ObjectMapper json, String text) {
        Optional<Ack> scanned = AckScanner.scan(text);
        return scanned != AckScanner.UNDECIDED ? scanned : parsedAck(json, text);
    }

    /** {@link #ack} by Jackson, for whatever {@link AckScanner} leaves undecided. */
    static Optional<Ack> parsedAck(ObjectMapper json, String text) {
        // read as a stream of tokens, not a tree
        try (JsonParser parser = json.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String type = null;
            long seq = -1;
            String page = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? parser.getValueAsLong(-1) : -1;
                    case "page" ->
                        page = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                    default -> {}
                }
                parser.skipChildren();
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                return Optional.empty();
            }
            return "ack".equals(type) && seq >= 0 ? Optional.of(new Ack(seq, page(page))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String page(String page) {
        return page == null || page.length() <= MAX_PAGE ? page : page.substring(0, MAX_PAGE);
    }

    /** SSE's Last-Event-ID is {@code epoch:seq}; anything else means no resume position. */
    static Optional<LocationFeed.Resume> lastEventId(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int colon = header.lastIndexOf(':');
        try {
            return Optional.of(new LocationFeed.Resume(
                    UUID.fromString(header.substring(0, colon).trim()),
                    Long.parseLong(header.substring(colon + 1).trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
