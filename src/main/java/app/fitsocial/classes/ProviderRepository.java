package app.fitsocial.classes;

import java.util.Optional;

import org.springframework.data.repository.Repository;

interface ProviderRepository extends Repository<Provider, Long> {

    Optional<Provider> findById(long id);

    Optional<Provider> findFirstByOwnerIdOrderByIdAsc(long ownerId);

    boolean existsById(long id);
}
