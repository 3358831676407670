package io.appgraph.ownership;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link ScimAccess} in front of everything under {@code /scim/v2}. */
@Configuration(proxyBeanMethods = false)
class ScimConfiguration implements WebMvcConfigurer {

    private final ScimProperties properties;

    ScimConfiguration(ScimProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ScimAccess(this.properties)).addPathPatterns(ScimJson.BASE + "/**");
    }

}
