package io.ticketrail.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON written field by field on the application's ObjectMapper's generator, for the few messages written on every
 * command (an order's view, a feed diff): the bytes databind writes for them, without its per-call machinery
 * (serializer lookup, property writers, type wrappers), which cost more than the writing itself. Values are written
 * as the mapper writes them: text, UUIDs and enum names as strings, instants by {@link IsoInstantSerializer}.
 */
public final class JsonFields {

    /** What a writer puts between the generator's creation and its close. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    private JsonFields() {}

    /** A field name, quoted and encoded to UTF-8 once: cheaper to write than a String, whose every char is checked. */
    public static SerializableString name(String name) {
        return new SerializedString(name);
    }

    /** The body as UTF-8, written with the mapper's generator settings. */
    public static byte[] bytes(ObjectMapper json, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder();
        try (JsonGenerator generator = json.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(generator);
        } catch (IOException e) {
            // a byte array does no I/O: only the generator refusing a value could end here, as databind would
            throw new IllegalStateException("Could not encode JSON", e);
        }
        return out.toByteArray();
    }

    /** A field written even when null, as a record without {@code NON_NULL} has it. */
    public static void write(JsonGenerator generator, SerializableString name, Object value) throws IOException {
        generator.writeFieldName(name);
        value(generator, value);
    }

    /** A field of a {@code NON_NULL} record: left out when null. */
    public static void writeIfSet(JsonGenerator generator, SerializableString name, Object value) throws IOException {
        if (value != null) {
            write(generator, name, value);
        }
    }

    public static void write(JsonGenerator generator, SerializableString name, int value) throws IOException {
        generator.writeFieldName(name);
        generator.writeNumber(value);
    }

    public static void write(JsonGenerator generator, SerializableString name, long value) throws IOException {
        generator.writeFieldName(name);
        generator.writeNumber(value);
    }

    public static void write(JsonGenerator generator, SerializableString name, boolean value) throws IOException {
        generator.writeFieldName(name);
        generator.writeBoolean(value);
    }

    /** A field holding a list of records, each written by {@code element}; null when the list is. */
    public static <T> void writeList(JsonGenerator generator, SerializableString name, List<T> list, Element<T> element)
            throws IOException {
        generator.writeFieldName(name);
        if (list == null) {
            generator.writeNull();
            return;
        }
        generator.writeStartArray();
        for (T value : list) {
            if (value == null) {
                generator.writeNull();
            } else {
                element.write(generator, value);
            }
        }
        generator.writeEndArray();
    }

    /** A field of a {@code NON_NULL} record holding a list: left out when null. */
    public static <T> void writeListIfSet(
            JsonGenerator generator, SerializableString name, List<T> list, Element<T> element) throws IOException {
        if (list != null) {
            writeList(generator, name, list, element);
        }
    }

    /** A field of a {@code NON_NULL} record holding a record, written by {@code element}: left out when null. */
    public static <T> void writeIfSet(JsonGenerator generator, SerializableString name, T value, Element<T> element)
            throws IOException {
        if (value != null) {
            generator.writeFieldName(name);
            element.write(generator, value);
        }
    }

    /** Writes one element of a list, or a record. */
    @FunctionalInterface
    public interface Element<T> {
        void write(JsonGenerator generator, T value) throws IOException;
    }

    /** A plain value: null, text, a UUID, an instant, an enum, a number, a boolean or a list of them. */
    public static void value(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof UUID id) {
            generator.writeString(id.toString());
        } else if (value instanceof Instant instant) {
            IsoInstantSerializer.write(instant, generator);
        } else if (value instanceof Enum<?> constant) {
            generator.writeString(constant.name());
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                value(generator, element);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException(
                    "No plain JSON form for " + value.getClass().getName());
        }
    }
}
