package dev.tandem.api.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console at {@code /console.html} (and {@code /console}), its script and style at {@code /console/**}. Plain
 * HTML and JavaScript over the public API ({@code GET /v1/flows}, {@code POST /v1/decisions} and the decision's
 * event stream), from {@code classpath:/decision-api/console/} rather than {@code static/}: the local run puts the
 * three services on one classpath, and only decision-api serves the console.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/decision-api/console/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/**").addResourceLocations(LOCATION);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/console").setViewName("forward:/console/console.html");
        registry.addViewController("/console.html").setViewName("forward:/console/console.html");
    }
}
