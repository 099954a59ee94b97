package vn.spcncl.searchengine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.script.mustache.MustachePlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch server for development and tests.
 *
 * <p>Configuration comes from system properties (or {@code port dataDir} as arguments):
 * {@code search.port} (9200), {@code search.data} (var/search-engine/data-PORT),
 * {@code search.cluster} (spcncl-dev), {@code search.node} (dev-PORT).
 *
 * <p>Starting {@link Node} directly rather than through {@code org.opensearch.bootstrap.OpenSearch}
 * skips the bootstrap (root refusal, security manager, production bootstrap checks), which a
 * loopback-only dev node does not need, and lets the plugins come from the classpath.
 */
public final class DevNode extends Node {

    private static final Logger LOG = LogManager.getLogger(DevNode.class);

    private static final List<Class<? extends Plugin>> PLUGINS =
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class,
                    ReindexPlugin.class, MapperExtrasPlugin.class, MustachePlugin.class);

    private DevNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }

    public static void main(String[] args) throws Exception {
        String port = args.length > 0 ? args[0] : System.getProperty("search.port", "9200");
        Path data = Path.of(args.length > 1 ? args[1]
                : System.getProperty("search.data", "var/search-engine/data-" + port)).toAbsolutePath();
        Files.createDirectories(data);

        Settings settings = Settings.builder()
                .put("path.home", data.toString())
                .put("path.data", data.resolve("data").toString())
                .put("path.logs", data.resolve("logs").toString())
                .put("cluster.name", System.getProperty("search.cluster", "spcncl-dev"))
                .put("node.name", System.getProperty("search.node", "dev-" + port))
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", port)
                // The transport port is unused by a single node; a range avoids clashes
                // between several dev/test nodes.
                .put("transport.port", "9300-9400")
                .put("action.auto_create_index", true)
                // Dev machines and CI often have full-ish disks; do not turn indices read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();

        // configDir = null: path.home/config, which normally does not exist (no opensearch.yml).
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), null, () -> settings.get("node.name"));
        Node node;
        try {
            node = new DevNode(environment, PLUGINS);
        } catch (Exception e) {
            LOG.error("node failed to initialise", e);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (!node.awaitClose(20, TimeUnit.SECONDS)) {
                    LOG.warn("node did not close within 20s");
                }
                LOG.info("dev search node stopped");
            } catch (Exception e) {
                LOG.error("error closing node", e);
            } finally {
                stopped.countDown();
                // log4j's own shutdown hook is disabled (log4j2.properties) so the lines above get written.
                LogManager.shutdown();
            }
        }, "dev-node-shutdown"));

        try {
            node.start();
            // A single node can never assign replicas: 0 keeps new indices green. Index creation
            // reads this from the cluster metadata only (as a node setting it has no effect).
            node.client().admin().cluster().prepareUpdateSettings()
                    .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                    .get();
        } catch (Exception e) {
            LOG.error("node failed to start", e);
            System.exit(1);
        }
        // scripts/search-engine.sh waits for this line as well as for the health answer.
        LOG.info("dev search node ready on http://127.0.0.1:{} (data {})", port, data);
        // Node threads are daemons: keep the JVM alive until SIGTERM runs the shutdown hook.
        stopped.await();
    }
}
