package app.fitsocial.classes;

import org.springframework.data.repository.Repository;

interface FitnessClassRepository extends Repository<FitnessClass, Long> {

    FitnessClass save(FitnessClass fitnessClass);
}
