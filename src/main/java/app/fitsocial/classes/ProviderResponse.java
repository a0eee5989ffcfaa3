package app.fitsocial.classes;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

record ProviderResponse(long id, String name, String city, @Nullable BigDecimal ratingAverage, long ratingCount) {
}
