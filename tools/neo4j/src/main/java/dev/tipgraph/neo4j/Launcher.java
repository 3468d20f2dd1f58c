package dev.tipgraph.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, for tests and CI.
 *
 * <p>Environment (all optional):
 *
 * <ul>
 *   <li>NEO4J_DIR: state folder (default ".neo4j"); data lives in NEO4J_DIR/data, the pid in
 *       NEO4J_DIR/neo4j.pid. stdout/stderr are expected to be redirected to NEO4J_DIR/neo4j.log.
 *   <li>NEO4J_HOST: Bolt listen host (default 127.0.0.1).
 *   <li>NEO4J_PORT: Bolt port (default 7687).
 *   <li>NEO4J_PASSWORD: password of user neo4j (default tipgraph-test).
 *   <li>NEO4J_PAGECACHE_MB: page cache size in MiB (default 64).
 *   <li>NEO4J_TX_MEMORY_MB: cap on memory of all running transactions together
 *       (db.memory.transaction.total.max, default 256).
 *   <li>NEO4J_TX_MAX_MB: cap on the memory of one transaction (db.memory.transaction.max,
 *       default half of NEO4J_TX_MEMORY_MB). A query that needs more fails with
 *       Neo.TransientError.General.MemoryPoolOutOfMemoryError instead of exhausting the heap.
 * </ul>
 *
 * <p>Once the DBMS is up and the password is set it prints a line starting with "Started", which
 * neo4j.mk waits for. SIGTERM/SIGINT run a shutdown hook that stops the DBMS cleanly.
 */
public final class Launcher {
  private static final String USER = "neo4j";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Instant t0 = Instant.now();
    Path dir = Path.of(env("NEO4J_DIR", ".neo4j")).toAbsolutePath().normalize();
    String host = env("NEO4J_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("NEO4J_PORT", "7687"));
    String password = env("NEO4J_PASSWORD", "tipgraph-test");
    long pageCacheMb = Long.parseLong(env("NEO4J_PAGECACHE_MB", "64"));
    long txMemoryMb = Long.parseLong(env("NEO4J_TX_MEMORY_MB", "256"));
    long txMaxMb = Long.parseLong(env("NEO4J_TX_MAX_MB", String.valueOf(txMemoryMb / 2)));

    Path data = dir.resolve("data");
    Path importDir = dir.resolve("import");
    Path pidFile = dir.resolve("neo4j.pid");
    Files.createDirectories(data);
    Files.createDirectories(importDir);
    long pid = ProcessHandle.current().pid();
    Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
    log("pid " + pid + ", Neo4j " + Version.getNeo4jVersion() + ", home " + data);
    log(
        "page cache "
            + pageCacheMb
            + " MiB, transaction memory "
            + txMaxMb
            + " MiB each, "
            + txMemoryMb
            + " MiB in all");

    Map<org.neo4j.graphdb.config.Setting<?>, Object> cfg =
        Map.ofEntries(
            // Only Bolt, only on loopback, plain text (tests use bolt://).
            Map.entry(BoltConnector.enabled, true),
            Map.entry(BoltConnector.listen_address, new SocketAddress(host, port)),
            Map.entry(BoltConnector.advertised_address, new SocketAddress(host, port)),
            Map.entry(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED),
            Map.entry(BoltConnector.thread_pool_max_size, 64),
            // Netty's graceful-shutdown quiet period is 5 s by default; a test server can stop
            // at once (internal setting, may change between Neo4j versions).
            Map.entry(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0),
            Map.entry(HttpConnector.enabled, false),
            Map.entry(HttpsConnector.enabled, false),
            // Authentication on; no lock-out, so tests that try a wrong password cannot
            // lock the real user out for the next test.
            Map.entry(GraphDatabaseSettings.auth_enabled, true),
            Map.entry(GraphDatabaseSettings.auth_max_failed_attempts, 0),
            Map.entry(GraphDatabaseSettings.auth_minimum_password_length, 1),
            // Small memory footprint.
            Map.entry(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb)),
            Map.entry(GraphDatabaseSettings.pagecache_warmup_enabled, false),
            // Memory limits on queries, so that one oversized query fails with a clear error
            // (MemoryPoolOutOfMemoryError) instead of taking the server down: all transactions
            // together, and each one.
            Map.entry(GraphDatabaseSettings.memory_tracking, true),
            Map.entry(
                GraphDatabaseSettings.memory_transaction_global_max_size,
                ByteUnit.mebiBytes(txMemoryMb)),
            Map.entry(
                GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMaxMb)),
            Map.entry(GraphDatabaseSettings.query_cache_size, 200),
            // Index statistics are sampled again (a scan of the whole index) once 50% of an
            // index has changed, not 5%: at 5% a load of a million records rescanned the flow
            // indexes every few seconds, 5% of the server's CPU in a load. The route reads name
            // their index; the statistics only weigh plans.
            Map.entry(GraphDatabaseSettings.index_sampling_update_percentage, 50),
            // Small on disk: no 256 MiB preallocated transaction log files, keep few of them.
            Map.entry(GraphDatabaseSettings.preallocate_logical_logs, false),
            Map.entry(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16)),
            Map.entry(GraphDatabaseSettings.keep_logical_logs, "2 files"),
            // No phoning home, no query log.
            Map.entry(GraphDatabaseSettings.udc_enabled, false),
            Map.entry(GraphDatabaseSettings.log_queries, GraphDatabaseSettings.LogQueryLevel.OFF),
            // LOAD CSV reads file:/// URLs from .neo4j/import (the load benchmark's comparison).
            Map.entry(GraphDatabaseSettings.allow_file_urls, true),
            Map.entry(GraphDatabaseSettings.load_csv_file_url_root, importDir),
            // A runaway test query should not hang CI forever.
            Map.entry(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5)));

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(data)
            .setConfig(cfg)
            .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log("stopping");
                  try {
                    dbms.shutdown();
                  } catch (RuntimeException e) {
                    log("error during shutdown: " + e);
                  }
                  try {
                    Files.deleteIfExists(pidFile);
                  } catch (IOException e) {
                    // ignore
                  }
                  log("stopped");
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    try {
      setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
    } catch (RuntimeException e) {
      log("FAILED to set the password: " + e);
      e.printStackTrace(System.out);
      System.exit(1); // runs the shutdown hook
    }

    log(
        "Started Neo4j "
            + Version.getNeo4jVersion()
            + " bolt://"
            + host
            + ":"
            + port
            + " user="
            + USER
            + " in "
            + Duration.between(t0, Instant.now()).toMillis()
            + " ms");
    stopped.await();
  }

  /**
   * Sets the neo4j user's password on the system database. Embedded transactions run with full
   * rights even with auth enabled, so this works on a fresh store (initial password "neo4j",
   * change required) and on an existing one. Setting the password it already has is an error in
   * Neo4j ("Old password and new password cannot be the same"), which is fine here.
   */
  private static void setPassword(GraphDatabaseService system, String password) {
    try {
      system.executeTransactionally(
          "ALTER USER " + USER + " SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
          Map.of("password", password));
      log("password of user " + USER + " set");
    } catch (RuntimeException e) {
      String msg = String.valueOf(e.getMessage()) + " " + e.getCause();
      if (msg.contains("cannot be the same")) {
        log("password of user " + USER + " already set");
      } else {
        throw e;
      }
    }
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? dflt : v;
  }

  private static void log(String msg) {
    System.out.println(Instant.now() + " [launcher] " + msg);
    System.out.flush();
  }
}
