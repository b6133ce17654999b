package dev.tandem.api.dashboard;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard from {@code tandem.api.dashboard.*}, and its page's script and style at {@code /dashboard/**}. The
 * page lives in {@code classpath:/decision-api/dashboard/}, not {@code static/}: the local run and the it-tests put
 * the three services on one classpath, and only decision-api serves the page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardConfiguration implements WebMvcConfigurer {

    /** Where the page, its script and its style are on the classpath. */
    static final String PAGE_LOCATION = "classpath:/decision-api/dashboard/";

    @Bean
    Dashboard dashboard(DashboardProperties settings, Environment environment) {
        Clock clock = Clock.systemUTC();
        var scraper = new HttpScraper(settings.timeout(), settings.maxScrapeSize().toBytes(), Panels.uses(),
                () -> ownPort(environment), clock);
        return new Dashboard(settings.sources(), scraper, clock, settings.interval(), settings.maxGap(), Panels.ALL);
    }

    /** The port of this instance's actuator: its management port when it has one, else its server port. */
    static int ownPort(Environment environment) {
        Integer port = environment.getProperty("local.management.port", Integer.class);
        if (port == null) {
            port = environment.getProperty("local.server.port", Integer.class);
        }
        if (port == null) {
            throw new IllegalStateException("this instance's web server has not started yet");
        }
        return port;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/dashboard/**").addResourceLocations(PAGE_LOCATION);
    }
}
