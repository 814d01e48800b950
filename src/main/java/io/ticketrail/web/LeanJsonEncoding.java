package io.ticketrail.web;

import java.time.Instant;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The same JSON with less CPU: every order view and diff is encoded by this mapper, once per command and once per
 * view group. Blackbird reads bean properties through generated lambdas instead of reflection, and instants are
 * written digit by digit ({@link IsoInstantSerializer}); the text is the same to the byte.
 */
@Singleton
public class LeanJsonEncoding implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
        mapper.registerModule(
                new SimpleModule("iso-instants").addSerializer(Instant.class, new IsoInstantSerializer()));
    }

    /** After Quarkus's own customizer: Jackson asks the module registered last first, so this serializer wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
