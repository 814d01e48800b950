package io.ticketrail.web;

import java.util.List;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A refusal as a person at a browser reads it: the same status and words as the problem+json, on a page with the
 * way on (the screens named in a {@code screens} member, home). Only for pages, never the API: a GET outside
 * /api/ whose Accept prefers text/html over JSON gets this; everything else keeps problem+json.
 */
public final class ProblemPage {

    /** A link a refusal offers: a screen that does exist, pairing, sign-in. */
    public record Link(String href, String label) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance problem(Problem problem, List<Link> links);
    }

    /** The extension member that carries {@link Link}s; problem+json clients see the same list. */
    public static final String LINKS = "screens";

    private ProblemPage() {}

    private static boolean isMachinePath(String path) {
        return path.startsWith("/api") || path.startsWith("/ws");
    }

    /**
     * True for a browser asking for a page or sending a page's form: not the API or the feed (any path that starts
     * with /api or /ws, /api itself included), text/html before JSON.
     */
    static boolean wanted(ContainerRequestContext request) {
        if (request == null || isMachinePath(request.getUriInfo().getPath())) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = request.getAcceptableMediaTypes();
        } catch (RuntimeException unreadable) {
            return false;
        }
        for (MediaType type : accepted) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return true;
            }
            if (type.getSubtype().endsWith("json")) {
                return false;
            }
        }
        return false;
    }

    static TemplateInstance of(Problem problem) {
        Object links = problem.extensions().get(LINKS);
        List<Link> shown = links instanceof List<?> list
                ? list.stream()
                        .filter(Link.class::isInstance)
                        .map(Link.class::cast)
                        .toList()
                : List.of();
        return Templates.problem(problem, shown);
    }
}
