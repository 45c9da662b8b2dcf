// A throwaway Neo4j 5.26 server for tests and local use, built on Neo4j's own test harness.
//
// Run as a single-file source (no build step; graph/neo4j_server.py does this):
//   java -Xmx1g --add-opens=java.base/java.nio=ALL-UNNAMED \
//        --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
//        --enable-native-access=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
//        -cp 'neo4j/lib/*' neo4j/Launcher.java WORK_DIR BOLT_PORT HTTP_PORT
// Ports may be 0 (a free port). With PLANKG_NEO4J_PASSWORD in the environment (not on the command
// line, where `ps` shows it) auth is on and user neo4j has that password; without it, no auth.
// Either way no web page can use the server against its user: LOAD CSV takes no file:/// URLs,
// and the HTTP API allows no origin but its own (the Browser's).
// Prints, one per line, for the caller to parse:
//   BOLT bolt://127.0.0.1:NNNN/   (URIs as Neo4j gives them, with a trailing slash)
//   HTTP http://127.0.0.1:NNNN
//   READY
// then serves until its stdin closes (so it dies with its parent) or it gets SIGTERM/SIGINT.
// The harness keeps its store and logs in a random folder under WORK_DIR and deletes it on close.

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.server.configuration.ServerSettings;

public class Launcher {
    private static final String HOST = "127.0.0.1";

    private static int resolvePort(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher WORK_DIR BOLT_PORT HTTP_PORT");
            System.exit(2);
        }
        Path workDir = Path.of(args[0]).toAbsolutePath();
        // Port 0 is resolved here rather than by Neo4j: the server must advertise its real port
        // (routing neo4j:// drivers and the discovery document use it), and it can only
        // advertise a port it knows before it starts.
        int boltPort = resolvePort(Integer.parseInt(args[1]));
        int httpPort = resolvePort(Integer.parseInt(args[2]));
        Files.createDirectories(workDir);
        String password = System.getenv("PLANKG_NEO4J_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        // An empty import folder: even a file URL that slipped through would find nothing.
        Path imports = Files.createDirectories(workDir.resolve("import"));
        String ownOrigin = "http://" + HOST + ":" + httpPort;

        Neo4j neo = Neo4jBuilders.newInProcessBuilder(workDir)
                .withConfig(GraphDatabaseSettings.auth_enabled, auth)
                // A web page the user opens can make the browser post Cypher to loopback; it
                // must not read local files with LOAD CSV (issue 11)...
                .withConfig(GraphDatabaseSettings.allow_file_urls, false)
                .withConfig(GraphDatabaseSettings.load_csv_file_url_root, imports)
                // ...nor read the answers of the HTTP API: CORS allows only the server's own
                // origin, where the Browser is served (the default is "*").
                .withConfig(ServerSettings.http_access_control_allow_origin, ownOrigin)
                // The 5.x default page cache is a share of RAM; keep it small and fixed.
                .withConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                // Preallocating tx logs writes hundreds of MiB up front for nothing here.
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                .withConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort))
                // Netty waits a 5 s quiet period per event-loop group on shutdown (10 s in all);
                // nothing is in flight when a test server stops.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                // The Browser would otherwise try to phone home; this machine has no internet.
                .withConfig(ServerSettings.allow_telemetry, false)
                .build();

        if (auth) {
            // In process, before any connector is used: no initial neo4j/neo4j password change.
            neo.databaseManagementService().database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }

        // Runs on SIGTERM/SIGINT and on System.exit below: stops the server and deletes its data.
        Runtime.getRuntime().addShutdownHook(new Thread(neo::close, "neo4j-shutdown"));

        System.out.println("BOLT " + neo.boltURI());
        System.out.println("HTTP " + neo.httpURI());
        System.out.println("READY");
        System.out.flush();

        // Block until the parent closes our stdin (or dies), then shut down cleanly.
        InputStream in = System.in;
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // Input is ignored; only end-of-file matters.
        }
        System.exit(0);
    }
}
