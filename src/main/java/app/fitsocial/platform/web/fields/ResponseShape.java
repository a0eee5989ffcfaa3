package app.fitsocial.platform.web.fields;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;

import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.InvalidFieldException;

/**
 * The fields a response type exposes, read from its declared Java type (records, lists of them,
 * {@link CursorPage}s of them), so that a {@code fields} expression can be checked before any
 * work is done, even when a list turns out empty. Types that are not records (maps, trees) are
 * open: any name may be selected, and only what is really there is kept.
 */
final class ResponseShape {

    private static final Map<ResolvableType, ResponseShape> CACHE = new ConcurrentHashMap<>();
    private static final ResponseShape LEAF = new ResponseShape(Kind.LEAF, Map.of());
    private static final ResponseShape OPEN = new ResponseShape(Kind.OPEN, Map.of());

    private enum Kind { OBJECT, LEAF, OPEN }

    private final Kind kind;
    private final Map<String, ResolvableType> properties;

    private ResponseShape(Kind kind, Map<String, ResolvableType> properties) {
        this.kind = kind;
        this.properties = properties;
    }

    /**
     * The shape one selection applies to for a handler's declared return type: the item type of a
     * {@link CursorPage}, the body type of a {@link HttpEntity}, the type itself otherwise.
     */
    static ResolvableType selectedType(ResolvableType returnType) {
        ResolvableType type = returnType;
        if (HttpEntity.class.isAssignableFrom(type.toClass())) {
            type = type.as(HttpEntity.class).getGeneric(0);
        }
        if (Versioned.class.isAssignableFrom(type.toClass())) {
            type = type.as(Versioned.class).getGeneric(0);
        }
        if (CursorPage.class.isAssignableFrom(type.toClass())) {
            type = type.as(CursorPage.class).getGeneric(0);
        }
        return type;
    }

    static ResponseShape of(ResolvableType type) {
        return CACHE.computeIfAbsent(type, ResponseShape::describe);
    }

    /** Rejects a selection that names a field the type does not expose, or sub-fields of a plain value. */
    void check(FieldSelection selection, String path) {
        if (selection.isAll() || kind == Kind.OPEN) {
            return;
        }
        if (kind == Kind.LEAF) {
            throw new InvalidFieldException("fields", "'" + path + "' is a plain value and has no sub-fields");
        }
        selection.fields().forEach((name, nested) -> {
            ResolvableType property = properties.get(name);
            String fullName = path.isEmpty() ? name : path + "." + name;
            if (property == null) {
                throw new InvalidFieldException("fields", "unknown field '" + fullName + "'"
                        + (properties.isEmpty() ? "" : "; known fields: " + String.join(", ", properties.keySet())));
            }
            of(property).check(nested, fullName);
        });
    }

    private static ResponseShape describe(ResolvableType type) {
        Class<?> raw = type.resolve();
        if (raw == null || raw == Object.class || Map.class.isAssignableFrom(raw)
                || raw.getName().startsWith("tools.jackson.databind")) {
            return OPEN;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return of(type.asCollection().getGeneric(0));
        }
        if (raw.isArray()) {
            return of(type.getComponentType());
        }
        if (raw == Optional.class) {
            return of(type.getGeneric(0));
        }
        if (!raw.isRecord()) {
            return LEAF;
        }
        Map<String, ResolvableType> properties = new LinkedHashMap<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class)
                    || component.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            properties.put(jsonName(component), ResolvableType.forMethodReturnType(component.getAccessor(), raw));
        }
        return new ResponseShape(Kind.OBJECT, properties);
    }

    private static String jsonName(RecordComponent component) {
        @Nullable JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        if (renamed == null) {
            renamed = component.getAnnotation(JsonProperty.class);
        }
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }
}
