package app.fitsocial.classes;


import io.swagger.v3.oas.annotations.Operation;
import org.hibernate.validator.constraints.CodePointLength;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.VersionTagged;

@RestController
@RequestMapping("/api/v1/providers")
class ProvidersController {

    private final ClassQueries queries;

    ProvidersController(ClassQueries queries) {
        this.queries = queries;
    }

    @Operation(operationId = "listProviders")
    @GetMapping
    CursorPage<ProviderResponse> list(@RequestParam(required = false) @CodePointLength(min = 1, max = 100) @Nullable String city,
            PageQuery page) {
        return queries.providers(city, page);
    }

    @Operation(operationId = "getProvider")
    @GetMapping("/{id}")
    @VersionTagged("provider:{id}")
    Versioned<ProviderResponse> get(@PathVariable long id) {
        return queries.provider(id).orElseThrow(() -> new ResourceNotFoundException("Provider", id));
    }
}
