package app.fitsocial.platform.web;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.conditional.WritePreconditions;
import app.fitsocial.platform.web.fields.FieldSelection;

/**
 * What the OpenAPI document must not show: controller arguments the framework resolves (they are
 * not parameters of the API) and the {@link Versioned} wrapper around version-tagged answers (the
 * client receives the value).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentationConfiguration {

    static {
        SpringDocUtils.getConfig()
                .addResponseWrapperToIgnore(Versioned.class)
                .addRequestWrapperToIgnore(WritePreconditions.class, FieldSelection.class);
    }
}
