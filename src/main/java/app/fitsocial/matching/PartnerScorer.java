package app.fitsocial.matching;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import app.fitsocial.identity.FitnessLevel;
import app.fitsocial.identity.PartnerProfile;

/**
 * Scores how well a candidate suits a seeker as a workout partner, from 0 to 1, with the
 * reasons a person would give. Weights: shared interests (Jaccard) 0.40, distance 0.25,
 * fitness level closeness 0.20, classes booked in common 0.15.
 */
final class PartnerScorer {

    static final double INTERESTS = 0.40;
    static final double DISTANCE = 0.25;
    static final double LEVEL = 0.20;
    static final double SHARED_CLASSES = 0.15;
    private static final double EARTH_RADIUS_KM = 6371.0;

    private PartnerScorer() {
    }

    record Scored(PartnerProfile candidate, double score, List<String> reasons) {
    }

    static Scored score(PartnerProfile seeker, PartnerProfile candidate, long sharedClasses, double radiusKm) {
        List<String> reasons = new ArrayList<>();

        Set<String> mine = new HashSet<>(seeker.interests());
        Set<String> shared = new HashSet<>(candidate.interests());
        shared.retainAll(mine);
        Set<String> union = new HashSet<>(mine);
        union.addAll(candidate.interests());
        double jaccard = union.isEmpty() ? 0 : (double) shared.size() / union.size();
        if (!shared.isEmpty()) {
            reasons.add("Shares your interest" + (shared.size() > 1 ? "s" : "") + " in "
                    + String.join(", ", shared.stream().sorted().toList()));
        }

        double level = levelCloseness(seeker.fitnessLevel(), candidate.fitnessLevel());
        if (level == 1.0) {
            reasons.add("Same fitness level (" + candidate.fitnessLevel().name().toLowerCase(Locale.ROOT) + ")");
        }

        double distanceScore;
        Double km = distanceKm(seeker, candidate);
        if (km != null) {
            distanceScore = Math.max(0, 1 - km / radiusKm);
            reasons.add(km < 1 ? "Less than 1 km away" : String.format(Locale.ROOT, "%.1f km away", km));
        }
        else if (seeker.city() != null && seeker.city().equalsIgnoreCase(String.valueOf(candidate.city()))) {
            distanceScore = 0.5;
            reasons.add("Also in " + candidate.city());
        }
        else {
            distanceScore = 0;
        }

        double classes = Math.min(1.0, sharedClasses / 3.0);
        if (sharedClasses > 0) {
            reasons.add("Booked " + sharedClasses + " of the same class" + (sharedClasses > 1 ? "es" : ""));
        }

        double score = INTERESTS * jaccard + DISTANCE * distanceScore + LEVEL * level + SHARED_CLASSES * classes;
        return new Scored(candidate, Math.round(score * 1000) / 1000.0, reasons);
    }

    /** 1 for the same level, 0.5 one level apart, 0 two apart; 0.5 when either is unknown. */
    static double levelCloseness(FitnessLevel a, FitnessLevel b) {
        if (a == null || b == null) {
            return 0.5;
        }
        return 1.0 - Math.abs(a.ordinal() - b.ordinal()) / 2.0;
    }

    /** Great-circle distance (haversine), or null when either has no location. */
    static Double distanceKm(PartnerProfile a, PartnerProfile b) {
        if (a.latitude() == null || a.longitude() == null || b.latitude() == null || b.longitude() == null) {
            return null;
        }
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
