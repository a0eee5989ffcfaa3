package app.fitsocial.classes;

import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.web.InvalidFieldException;
import app.fitsocial.platform.web.ResourceNotFoundException;

/** Publishes new classes for the providers a PROVIDER user manages (an ADMIN may publish for any). */
@Service
class ClassPublisher {

    private final ProviderRepository providers;
    private final FitnessClassRepository classes;
    private final ClassCache cache;
    private final Clock clock;

    ClassPublisher(ProviderRepository providers, FitnessClassRepository classes, ClassCache cache, Clock clock) {
        this.providers = providers;
        this.classes = classes;
        this.cache = cache;
        this.clock = clock;
    }

    @Transactional
    long publish(app.fitsocial.platform.security.CurrentUser me, ClassesController.NewClassRequest request) {
        Provider provider;
        if (request.providerId() != null) {
            provider = providers.findById(request.providerId().longValue())
                    .orElseThrow(() -> new ResourceNotFoundException("Provider", request.providerId()));
            if (!provider.isOwnedBy(me.id()) && !me.hasRole("ADMIN")) {
                throw new ClassesExceptions.NotProviderOwner(provider.id());
            }
        }
        else {
            provider = providers.findFirstByOwnerIdOrderByIdAsc(me.id()).orElseThrow(ClassPublisher::providerRequired);
        }
        String city = request.city() == null ? provider.city() : request.city().strip();
        FitnessClass created = classes.save(new FitnessClass(provider.id(), request.title().strip(), request.type(),
                request.datetime(), request.durationMinutes(), request.capacity(), city, clock.instant()));
        cache.published(provider.id(), city);
        return created.id();
    }

    private static InvalidFieldException providerRequired() {
        return new InvalidFieldException("providerId", "is required: you manage no provider");
    }
}
