package io.ticketrail.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;
import org.netbeans.lib.profiler.heap.ObjectFieldValue;
import org.netbeans.lib.profiler.heap.Value;

/**
 * Who holds an idle connection's memory, from heap dumps ({@code bench/run memory heapDump=true} writes one before
 * and one after the screens connect). A class histogram says that each screen keeps 48 byte arrays; this says whose
 * they are. Every object of a JDK class (strings, arrays, maps, their nodes) is charged to the nearest object of a
 * library or application class on its shortest path from a GC root, and to that object's field which leads to it.
 * Only what grew by at least half an instance per connection is printed.
 *
 * <pre>
 * bench/run heap-owners RUN/heap-before.hprof RUN/heap-connected.hprof [connections, default 1000]
 * bench/run heap-owners --referrers CLASS_REGEX RUN/heap-connected.hprof   who points at these objects
 * bench/run heap-owners --path CLASS_REGEX RUN/heap-connected.hprof        two of them, back to a GC root
 * bench/run heap-owners --fields CLASS_REGEX RUN/heap-connected.hprof      what they point at
 * </pre>
 */
public final class HeapOwners {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "--referrers" -> referrers(instances(args[2], args[1]));
            case "--path" -> paths(instances(args[2], args[1]));
            case "--fields" -> fields(instances(args[2], args[1]));
            default -> {
                int connections = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
                Map<String, long[]>[] before = tally(new File(args[0]));
                Map<String, long[]>[] after = tally(new File(args[1]));
                System.out.printf("Per connection (%d), library and application objects, by class%n", connections);
                print(minus(after[0], before[0]), connections);
                System.out.printf("%nPer connection, JDK objects (strings, arrays, collections) by the nearest "
                        + "library or application object on the path from a GC root, and its field%n");
                print(minus(after[1], before[1]), connections);
            }
        }
    }

    private static List<Instance> instances(String dump, String classRegex) throws java.io.IOException {
        List<Instance> instances = new ArrayList<>();
        for (Object type : HeapFactory.createHeap(new File(dump)).getJavaClassesByRegExp(classRegex)) {
            for (Object instance : ((JavaClass) type).getInstances()) {
                instances.add((Instance) instance);
            }
        }
        System.out.println(instances.size() + " instances");
        return instances;
    }

    /** Every referrer's class and field, counted over all the instances. */
    private static void referrers(List<Instance> instances) {
        Map<String, long[]> referrers = new HashMap<>();
        for (Instance target : instances) {
            for (Object reference : target.getReferences()) {
                Instance holder = ((Value) reference).getDefiningInstance();
                add(referrers, holder.getJavaClass().getName() + "." + fieldTo(holder, target), 1);
            }
        }
        printCounts(referrers);
    }

    /** The shortest path from a GC root to two of the instances. */
    private static void paths(List<Instance> instances) {
        for (Instance each : instances.subList(0, Math.min(2, instances.size()))) {
            Instance below = each;
            System.out.println(each.getJavaClass().getName() + " #" + each.getInstanceId());
            Instance above = below.getNearestGCRootPointer();
            for (int depth = 0; above != null && above != below && depth < 40; depth++) {
                System.out.println("  <- " + above.getJavaClass().getName() + "." + fieldTo(above, below));
                below = above;
                above = above.getNearestGCRootPointer();
            }
        }
    }

    /** Each field that is set, with the class of what it points at, counted over all the instances. */
    private static void fields(List<Instance> instances) {
        Map<String, long[]> fields = new HashMap<>();
        for (Instance each : instances) {
            for (Object value : each.getFieldValues()) {
                if (value instanceof ObjectFieldValue field && field.getInstance() != null) {
                    add(fields, field.getField().getName() + " = " + field.getInstance().getJavaClass().getName(), 1);
                }
            }
        }
        printCounts(fields);
    }

    private static void printCounts(Map<String, long[]> counts) {
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(30)
                .forEach(e -> System.out.printf("%8d  %s%n", e.getValue()[0], e.getKey()));
    }

    /** [library and application objects by class, JDK objects by owner]: count and bytes. */
    @SuppressWarnings("unchecked")
    private static Map<String, long[]>[] tally(File dump) throws java.io.IOException {
        Heap heap = HeapFactory.createHeap(dump);
        Map<String, long[]> ownClasses = new HashMap<>();
        Map<String, long[]> charged = new HashMap<>();
        var all = heap.getAllInstancesIterator();
        while (all.hasNext()) {
            Instance object = (Instance) all.next();
            String name = object.getJavaClass().getName();
            if (isPlainJdk(name)) {
                add(charged, owner(object), object.getSize());
            } else {
                add(ownClasses, name, object.getSize());
            }
        }
        return new Map[] {ownClasses, charged};
    }

    private static Map<String, long[]> minus(Map<String, long[]> after, Map<String, long[]> before) {
        Map<String, long[]> growth = new HashMap<>();
        after.forEach((key, a) -> {
            long[] b = before.getOrDefault(key, new long[2]);
            growth.put(key, new long[] {a[0] - b[0], a[1] - b[1]});
        });
        return growth;
    }

    /** "Owner.field" for the nearest non-JDK object on the object's path from a GC root. */
    private static String owner(Instance object) {
        Instance below = object;
        Instance above = object.getNearestGCRootPointer();
        for (int depth = 0; above != null && depth < 30; depth++) {
            String name = above.getJavaClass().getName();
            if (!isPlainJdk(name)) {
                return name + "." + fieldTo(above, below);
            }
            if (above == below) {
                break;
            }
            below = above;
            above = above.getNearestGCRootPointer();
        }
        return "(a JDK structure from a GC root)";
    }

    private static String fieldTo(Instance holder, Instance target) {
        for (Object value : holder.getFieldValues()) {
            if (value instanceof ObjectFieldValue field && field.getInstance() != null
                    && field.getInstance().getInstanceId() == target.getInstanceId()) {
                return field.getField().getName();
            }
        }
        return "?";
    }

    private static boolean isPlainJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || (className.endsWith("[]") && !className.contains("netty") && !className.contains("vertx")
                        && !className.contains("quarkus") && !className.contains("ticketrail"));
    }

    private static void add(Map<String, long[]> totals, String key, long bytes) {
        long[] t = totals.computeIfAbsent(key, k -> new long[2]);
        t[0]++;
        t[1] += bytes;
    }

    private static void print(Map<String, long[]> totals, int connections) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(totals.entrySet());
        rows.removeIf(e -> e.getValue()[0] < connections / 2);
        rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        double sum = 0;
        for (var row : rows) {
            sum += (double) row.getValue()[1] / connections;
        }
        System.out.printf("%10s %8s  %s   (total of these rows: %.0f bytes per connection)%n", "bytes", "count",
                "owner", sum);
        for (var row : rows.subList(0, Math.min(60, rows.size()))) {
            System.out.printf("%10.1f %8.2f  %s%n", (double) row.getValue()[1] / connections,
                    (double) row.getValue()[0] / connections, row.getKey());
        }
    }
}
