package app.fitsocial.platform.web.openapi;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.hibernate.validator.constraints.CodePointLength;
import org.jspecify.annotations.Nullable;

import app.fitsocial.platform.web.validation.MaxUtf8Bytes;

/**
 * Makes the schema of every Java record as strict as the record: a component annotated
 * {@link Nullable} is {@code nullable}, every other one is {@code required} (always present in an
 * answer, needed in a request), and {@link CodePointLength} becomes {@code minLength} and
 * {@code maxLength}, which JSON Schema also counts in characters (code points). A nullable
 * reference to another schema is written as {@code allOf} with {@code nullable}, as OpenAPI 3.0
 * requires.
 */
class RecordSchemas implements ModelConverter {

    @Override
    public @Nullable Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (schema == null || type.getType() == null) {
            return schema;
        }
        JavaType javaType = Json.mapper().constructType(type.getType());
        Class<?> raw = javaType.getRawClass();
        if (!raw.isRecord()) {
            return schema;
        }
        Schema<?> model = schema.get$ref() == null ? schema
                : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if (model == null || model.getProperties() == null) {
            return schema;
        }
        @SuppressWarnings({ "rawtypes", "unchecked" })
        Map<String, Schema> properties = (Map) model.getProperties();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            Schema<?> property = properties.get(component.getName());
            if (property == null) {
                continue;
            }
            if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                properties.put(component.getName(), nullable(property));
            }
            else {
                required.add(component.getName());
            }
            CodePointLength length = annotation(raw, component, CodePointLength.class);
            if (length != null) {
                lengths(property, length);
            }
            MaxUtf8Bytes bytes = annotation(raw, component, MaxUtf8Bytes.class);
            if (bytes != null) {
                property.setDescription(join(property.getDescription(), "At most " + bytes.value() + " bytes in UTF-8"));
            }
        }
        model.setRequired(required.isEmpty() ? null : required);
        return schema;
    }

    /** A text's length limits in characters (code points), which is how JSON Schema counts them too. */
    static void lengths(Schema<?> text, CodePointLength length) {
        if (length.min() > 0) {
            text.setMinLength(length.min());
        }
        if (length.max() < Integer.MAX_VALUE) {
            text.setMaxLength(length.max());
        }
    }

    private static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() == null) {
            property.setNullable(true);
            return property;
        }
        ComposedSchema wrapped = new ComposedSchema();
        wrapped.addAllOfItem(property);
        wrapped.setNullable(true);
        return wrapped;
    }

    /** An annotation on the component, its field or its accessor (where its target put it). */
    private static <A extends java.lang.annotation.Annotation> @Nullable A annotation(Class<?> record,
            RecordComponent component, Class<A> kind) {
        for (AnnotatedElement element : elements(record, component)) {
            A found = element.getAnnotation(kind);
            if (found != null) {
                return found;
            }
        }
        return component.getAnnotatedType().getAnnotation(kind);
    }

    private static List<AnnotatedElement> elements(Class<?> record, RecordComponent component) {
        List<AnnotatedElement> elements = new ArrayList<>(List.of(component, component.getAccessor()));
        try {
            elements.add(record.getDeclaredField(component.getName()));
        }
        catch (NoSuchFieldException impossible) {
            // every record component has its field
        }
        return elements;
    }

    private static String join(@Nullable String description, String more) {
        return description == null || description.isBlank() ? more : description + ". " + more;
    }
}
