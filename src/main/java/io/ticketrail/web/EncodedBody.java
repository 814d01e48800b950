package io.ticketrail.web;

import jakarta.ws.rs.ext.MessageBodyWriter;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.serialization.FixedEntityWriter;
import org.jboss.resteasy.reactive.server.providers.serialisers.ServerByteArrayMessageBodyHandler;

/**
 * Writes an answer whose body is bytes already encoded (a command's view) as they are. For an endpoint that
 * answers a {@code Response}, RESTEasy Reactive looks a writer up for every entity: a walk of the entity's class
 * hierarchy with sets built and sorted, 2 to 4% of a busy server's samples (docs/performance.md). The request is
 * given the byte-array writer instead. Only for an answer that carries such bytes: a request that may still fail
 * keeps the general lookup, which its problem answer needs.
 *
 * <p>This reaches into RESTEasy Reactive's request context (its server core, not its SPI): pinned by the Quarkus
 * version in the build, and CommandAnswerTest compares the answer with a read's.
 */
public final class EncodedBody {

    private static final MessageBodyWriter<byte[]> BYTES = new ServerByteArrayMessageBodyHandler();

    private EncodedBody() {}

    /** The request whose answer this will be; read on the request's own thread, as the endpoint runs. */
    public static ResteasyReactiveRequestContext currentRequest() {
        return CurrentRequestManager.get();
    }

    /** The answer's entity is a {@code byte[]}: written as it is, with no writer lookup. */
    public static void writeAsIs(ResteasyReactiveRequestContext request) {
        request.setEntityWriter(
                new FixedEntityWriter(BYTES, request.getDeployment().getSerialisers()));
    }
}
