package app.fitsocial.matching;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.fitsocial.identity.FitnessLevel;
import app.fitsocial.identity.PartnerProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PartnerScorerTests {

    private static PartnerProfile person(long id, FitnessLevel level, List<String> interests, Double lat, Double lon) {
        return new PartnerProfile(id, "P" + id, level, interests, "Berlin", lat, lon);
    }

    @Test
    void haversineDistanceBetweenBerlinAndHamburgIsAbout255Km() {
        var berlin = person(1, null, List.of(), 52.5200, 13.4050);
        var hamburg = person(2, null, List.of(), 53.5511, 9.9937);
        assertThat(PartnerScorer.distanceKm(berlin, hamburg)).isCloseTo(255.3, within(1.0));
        assertThat(PartnerScorer.distanceKm(berlin, person(3, null, List.of(), null, null))).isNull();
    }

    @Test
    void levelClosenessFallsByHalfPerLevel() {
        assertThat(PartnerScorer.levelCloseness(FitnessLevel.BEGINNER, FitnessLevel.BEGINNER)).isEqualTo(1.0);
        assertThat(PartnerScorer.levelCloseness(FitnessLevel.BEGINNER, FitnessLevel.INTERMEDIATE)).isEqualTo(0.5);
        assertThat(PartnerScorer.levelCloseness(FitnessLevel.BEGINNER, FitnessLevel.ADVANCED)).isEqualTo(0.0);
        assertThat(PartnerScorer.levelCloseness(null, FitnessLevel.ADVANCED)).isEqualTo(0.5);
    }

    @Test
    void aPerfectMatchScoresOneWithAllReasons() {
        var seeker = person(1, FitnessLevel.INTERMEDIATE, List.of("running", "yoga"), 52.52, 13.405);
        var twin = person(2, FitnessLevel.INTERMEDIATE, List.of("yoga", "running"), 52.52, 13.405);
        var scored = PartnerScorer.score(seeker, twin, 3, 25);
        assertThat(scored.score()).isEqualTo(1.0);
        assertThat(scored.reasons()).containsExactly("Shares your interests in running, yoga",
                "Same fitness level (intermediate)", "Less than 1 km away", "Booked 3 of the same classes");
    }

    @Test
    void scoreIsTheWeightedSumOfItsParts() {
        var seeker = person(1, FitnessLevel.BEGINNER, List.of("running", "yoga", "hiit"), 52.52, 13.405);
        // 1 of 4 interests shared, one level apart, ~12.5 km of 25, one class in common
        var other = person(2, FitnessLevel.INTERMEDIATE, List.of("running", "boxing"), 52.52 + 12.5 / 111.2, 13.405);
        var scored = PartnerScorer.score(seeker, other, 1, 25);
        double expected = 0.40 * 0.25 + 0.25 * 0.5 + 0.20 * 0.5 + 0.15 / 3;
        assertThat(scored.score()).isCloseTo(expected, within(0.01));
        assertThat(scored.score()).isBetween(0.0, 1.0);
    }

    @Test
    void strangersFarAwayScoreNothing() {
        var seeker = person(1, null, List.of("yoga"), 52.52, 13.405);
        var far = person(2, null, List.of("chess"), 48.13, 11.58);
        var scored = PartnerScorer.score(seeker, far, 0, 25);
        assertThat(scored.score()).isEqualTo(0.1);
        assertThat(scored.reasons()).hasSize(1).first().asString().endsWith("km away");
    }
}
