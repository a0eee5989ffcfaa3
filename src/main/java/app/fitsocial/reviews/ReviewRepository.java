package app.fitsocial.reviews;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface ReviewRepository extends Repository<Review, Long> {

    Review save(Review review);

    Review saveAndFlush(Review review);

    Optional<Review> findById(long id);

    /** The review, locked until the transaction ends: a conditional write checks and changes it in one step. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT r FROM Review r WHERE r.id = :id")
    Optional<Review> findByIdForUpdate(@Param("id") long id);

    void delete(Review review);

    void flush();

    boolean existsByUserIdAndClassId(long userId, long classId);

    List<Review> findByClassIdOrderByCreatedAtDescIdDesc(long classId, Limit limit);

    List<Review> findByProviderIdOrderByCreatedAtDescIdDesc(long providerId, Limit limit);

    @Query("""
            SELECT r FROM Review r WHERE r.classId = :classId
              AND (r.createdAt < :time OR (r.createdAt = :time AND r.id < :id))
            ORDER BY r.createdAt DESC, r.id DESC""")
    List<Review> findByClassIdBefore(@Param("classId") long classId, @Param("time") Instant time,
            @Param("id") long id, Limit limit);

    @Query("""
            SELECT r FROM Review r WHERE r.providerId = :providerId
              AND (r.createdAt < :time OR (r.createdAt = :time AND r.id < :id))
            ORDER BY r.createdAt DESC, r.id DESC""")
    List<Review> findByProviderIdBefore(@Param("providerId") long providerId, @Param("time") Instant time,
            @Param("id") long id, Limit limit);
}
