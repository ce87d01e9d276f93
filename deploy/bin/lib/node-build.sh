# Sourced by the scripts that run the node's jar (tenet-dev, tenet): builds it when sources changed.
# Needs ROOT; sets NODE_JAR and NODE_LIB. TENET_DEV_SKIP_BUILD=1 skips the check.
NODE_JAR=$ROOT/cluster-node/target/tenet-cluster-node-0.1.0-SNAPSHOT.jar
NODE_LIB=$ROOT/cluster-node/target/lib
TENET_CASSANDRA_LIB=${TENET_CASSANDRA_LIB:-$ROOT/persistence/cassandra-server/target/lib}

build_if_needed() {
  [[ -n ${TENET_DEV_SKIP_BUILD:-} ]] && return 0
  local stale=""
  if [[ ! -f $NODE_JAR || ! -d $TENET_CASSANDRA_LIB ]]; then
    stale=yes
  elif [[ -n $(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name '*.java' -o -name '*.conf' -o -name 'pom.xml' -o -name 'openapi.json' \) -newer "$NODE_JAR" -print -quit) ]]; then
    stale=yes
  fi
  if [[ -n $stale ]]; then
    echo "$(basename "$0"): building (mvn package, tests skipped)..." >&2
    rm -rf "$ROOT/cluster-node/target/lib" # copy-dependencies never removes a jar that is no longer needed
    # to stderr: the scripts' own output (the CLI's JSON) must stay clean for pipes
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests -pl cluster-node -am package) >&2
    # the jar plugin leaves an unchanged jar as it was: mark it built, or every run rebuilds
    touch -c "$NODE_JAR"
  fi
}

