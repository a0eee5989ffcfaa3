package app.fitsocial.identity;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface UserRepository extends Repository<User, Long> {

    User save(User user);

    User saveAndFlush(User user);

    void flush();

    Optional<User> findById(long id);

    /** The user, locked until the transaction ends: a conditional write checks and changes it in one step. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT u FROM User u WHERE u.id = :id")
    Optional<User> findByIdForUpdate(@Param("id") long id);

    boolean existsById(long id);

    Optional<User> findByEmail(String email);

    boolean existsByEmail(String email);

    @Query(value = """
            SELECT * FROM users
            WHERE search_key(display_name) COLLATE "C" LIKE search_key(:prefix)
            ORDER BY search_key(display_name) COLLATE "C", id
            LIMIT :limit""", nativeQuery = true)
    List<User> searchByDisplayName(@Param("prefix") String prefix, @Param("limit") int limit);

    @Query(value = """
            SELECT * FROM users
            WHERE search_key(display_name) COLLATE "C" LIKE search_key(:prefix)
              AND (search_key(display_name) COLLATE "C", id) > (search_key(CAST(:afterName AS text)) COLLATE "C", :afterId)
            ORDER BY search_key(display_name) COLLATE "C", id
            LIMIT :limit""", nativeQuery = true)
    List<User> searchByDisplayNameAfter(@Param("prefix") String prefix, @Param("afterName") String afterName,
            @Param("afterId") long afterId, @Param("limit") int limit);


    @Query(value = """
            SELECT * FROM users
            WHERE latitude BETWEEN :minLat AND :maxLat AND longitude BETWEEN :minLon AND :maxLon
              AND latitude IS NOT NULL AND longitude IS NOT NULL AND id <> :self
            LIMIT :limit""", nativeQuery = true)
    List<User> findInBox(@Param("minLat") double minLat, @Param("maxLat") double maxLat,
            @Param("minLon") double minLon, @Param("maxLon") double maxLon, @Param("self") long self,
            @Param("limit") int limit);

    @Query(value = "SELECT * FROM users WHERE search_key(city) = search_key(:city) AND id <> :self ORDER BY id DESC LIMIT :limit",
            nativeQuery = true)
    List<User> findInCity(@Param("city") String city, @Param("self") long self, @Param("limit") int limit);

    @Query(value = "SELECT * FROM users WHERE interests && CAST(:interests AS text[]) AND id <> :self ORDER BY id DESC LIMIT :limit",
            nativeQuery = true)
    List<User> findSharingInterests(@Param("interests") String[] interests, @Param("self") long self,
            @Param("limit") int limit);
}
