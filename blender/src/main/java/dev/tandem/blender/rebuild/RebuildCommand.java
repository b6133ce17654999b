package dev.tandem.blender.rebuild;

import dev.tandem.blender.BlenderApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -cp blender-*-exec.jar -Dloader.main=dev.tandem.blender.rebuild.RebuildCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher [--spring.data.redis.url=… …]}, or
 * {@code ./tandem rebuild}: replays the topics into Redis with the blender's configuration, prints
 * what it did and exits.
 */
public final class RebuildCommand {

    private RebuildCommand() {
    }

    /** Runs one rebuild with these Spring Boot arguments (addresses, for example). */
    public static OutcomeRebuild.Report run(String... args) {
        try (ConfigurableApplicationContext context = BlenderApplication.application()
                .profiles(BlenderApplication.REBUILD)
                .web(WebApplicationType.NONE)
                .run(args)) {
            return context.getBean(OutcomeRebuild.class).run();
        }
    }

    public static void main(String[] args) {
        OutcomeRebuild.Report report = run(args);
        System.out.printf("rebuilt outcomes: %d decisions and %d enrichment results replayed, %d skipped%n",
                report.decisions(), report.results(), report.skipped());
    }
}
