#!/bin/bash
# Trains the JVM's ahead-of-time cache (JEP 483/514/515, JDK 25) for the aot-jar layout in APP_DIR and writes it
# to AOT_CACHE (APP_DIR/app.aot unless set). Run by the image build (src/main/docker/Dockerfile.jvm) and by
# bench/aot-app, with the java that will run the application: a cache only loads into the same JDK build, with
# the jars at the same paths.
#
# The application runs once against its embedded PostgreSQL (a throwaway data directory under /tmp), answers a
# service's worth of requests of every kind (sign-in, a location, orders placed, bumped, completed and read, a
# page, metrics), and stops; the JVM writes the cache as it exits. A second start then checks that the cache is
# used, and that this is the aot-jar layout.
set -euo pipefail

APP_DIR=${APP_DIR:-/deployments}
JAVA=${JAVA:-java}
AOT_CACHE=${AOT_CACHE:-$APP_DIR/app.aot}
# the collector and initial heap of the Deployment's JAVA_OPTS (deploy/base/deployment.yaml), so that training
# and service run the same JVM configuration
JVM_OPTS=${JVM_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/aot-training.XXXXXX")
HTTP_PORT=${HTTP_PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19000}
BASE=http://127.0.0.1:$HTTP_PORT
# a throwaway manager for the training database, which is deleted with it
PASSWORD=training-$RANDOM$RANDOM$RANDOM
pid=

cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        wait "$pid" || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# Starts the application with the given extra JVM options and waits (at most 120 s) until it is ready.
start() {
    if curl -s -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/"; then
        echo "aot-training: port $MANAGEMENT_PORT is taken by another process (set MANAGEMENT_PORT and HTTP_PORT)" >&2
        exit 1
    fi
    # shellcheck disable=SC2086 # JVM_OPTS is a list of options
    "$JAVA" $JVM_OPTS "$@" \
        -Dticketrail.embedded-db.enabled=true -Dticketrail.embedded-db.data-dir="$WORK/postgres" \
        -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$HTTP_PORT" \
        -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
        -Dticketrail.access.bootstrap.password="$PASSWORD" \
        -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do
        if curl -sf -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready"; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        sleep 0.2
    done
    echo "aot-training: the application did not become ready; its log:" >&2
    tail -n 40 "$WORK/app.log" >&2
    exit 1
}

# SIGTERM, as Kubernetes stops a pod; the JVM writes the cache on its way out.
stop() {
    kill "$pid"
    wait "$pid" || true
    pid=
}

# The first value of a JSON string field in an answer (no JSON tool in the runtime image).
field() {
    grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d '"' -f 4
}

call() {
    curl -sf -H "Authorization: Bearer $token" "$@"
}

train() {
    token=$(curl -sf -H 'Content-Type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" | field token)
    local location='{"name": "Training", "timeZone": "UTC", "warnAfterSeconds": 300, "lateAfterSeconds": 600,
        "stations": [{"id": "grill", "name": "Grill", "kind": "PREP"}, {"id": "fry", "name": "Fry", "kind": "PREP"},
                     {"id": "bar", "name": "Bar", "kind": "PREP"}, {"id": "expo", "name": "Expo", "kind": "EXPO"}],
        "routes": [{"category": "burgers", "station": "grill"}, {"category": "fries", "station": "fry"},
                   {"category": "drinks", "station": "bar"}],
        "defaultStation": "grill", "expoConfirmation": false}'
    local l i id station
    for l in 1 2 3; do
        call -o /dev/null -X PUT -H 'Content-Type: application/json' -d "$location" "$BASE/api/v1/locations/training-$l"
        for i in $(seq 1 30); do
            id=$(call -H 'Content-Type: application/json' -d "{\"externalId\":\"training-$l-$i\",\"channel\":\"DINE_IN\",\"table\":\"4\",\"guests\":2,
                \"items\":[{\"name\":\"Cheeseburger\",\"qty\":1,\"category\":\"burgers\",\"modifiers\":[\"no onion\"]},
                {\"name\":\"Fries\",\"qty\":1,\"category\":\"fries\"},{\"name\":\"Lemonade\",\"qty\":1,\"category\":\"drinks\"}]}" \
                "$BASE/api/v1/locations/training-$l/orders" | field id)
            for station in grill fry bar; do
                call -o /dev/null -X POST "$BASE/api/v1/locations/training-$l/orders/$id/stations/$station/bump"
            done
            call -o /dev/null -X POST "$BASE/api/v1/locations/training-$l/orders/$id/complete"
            call -o /dev/null "$BASE/api/v1/locations/training-$l/orders/$id"
        done
    done
    curl -sf -o /dev/null "$BASE/"
    curl -sf -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics"
}

rm -f "$AOT_CACHE"
# Classes loaded and linked, without the training's method profiles (JEP 515): replayed, they cost about a third
# more CPU per command for as long as the benchmark ran (4,062 to 4,444 against 2,537 to 3,069 us), for no faster
# start (docs/performance.md, "The image on JDK 25 with a trained ahead-of-time cache"). A diagnostic flag, used in
# training only.
start -XX:AOTCacheOutput="$AOT_CACHE" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining
train
stop
if [ ! -s "$AOT_CACHE" ]; then
    echo "aot-training: the JVM wrote no cache (it needs JDK 25 or newer); its log:" >&2
    tail -n 40 "$WORK/app.log" >&2
    exit 1
fi

start -XX:AOTCache="$AOT_CACHE" -Xlog:class+load=info:file="$WORK/classes.log"
stop
# The fast-jar layout would load too, but its own class loader keeps the JVM from linking the application's
# classes ahead of time: about 4.8 s to ready instead of 3.1 s (docs/performance.md, "Start and memory").
if ! grep -q 'io.quarkus.bootstrap.runner.AotQuarkusEntryPoint source: shared objects file' "$WORK/classes.log"; then
    echo "aot-training: the cache is not in use, or this is not the aot-jar layout; build with" >&2
    echo "  ./mvnw -B package -DskipTests -Dquarkus.package.jar.type=aot-jar" >&2
    exit 1
fi
echo "aot-training: $AOT_CACHE ($(du -h "$AOT_CACHE" | cut -f1)), $(grep -c 'io.ticketrail.* source: shared objects file' \
    "$WORK/classes.log") of the application's classes in it"
