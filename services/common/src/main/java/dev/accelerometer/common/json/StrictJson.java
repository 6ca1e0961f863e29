package dev.accelerometer.common.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies are read strictly, the same in every service: numbers must be finite and normal (no {@code 1e400},
 * {@code "Infinity"}, {@code 5e-324}), strings must not carry NUL characters (PostgreSQL refuses them), a number is not
 * a string and a string is not a number or a boolean, arrays and maps may not hold nulls, and nothing may follow the
 * JSON value. Each refusal names the field, through the problem mappers.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (Class<?> container : List.of(List.class, Set.class, Collection.class, Map.class)) {
            mapper.configOverride(container).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        }
        SimpleModule strict = new SimpleModule("accelerometer-strict-json");
        strict.addDeserializer(Double.class, new FiniteDouble(Double.class));
        strict.addDeserializer(double.class, new FiniteDouble(double.class));
        strict.addDeserializer(String.class, new NoNulString());
        mapper.registerModule(strict);
    }

    /** A double that is finite and, unless zero, normal. */
    static final class FiniteDouble extends StdScalarDeserializer<Double> {
        FiniteDouble(Class<?> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext context) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
                return (Double) context.handleUnexpectedToken(Double.class, p);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw InvalidFormatException.from(p, "must be a finite number; " + p.getText() + " is out of range", p.getText(), Double.class);
            }
            if (value != 0 && Math.abs(value) < Double.MIN_NORMAL) {
                throw InvalidFormatException.from(p, "must be zero or at least " + Double.MIN_NORMAL + " in magnitude; " + p.getText()
                        + " is a denormal number", p.getText(), Double.class);
            }
            return value;
        }
    }

    /** A string without NUL characters. */
    static final class NoNulString extends StdScalarDeserializer<String> {
        NoNulString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, p);
            }
            String value = p.getText();
            if (value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, "must not contain NUL (\\u0000) characters", value.replace('\u0000', '?'), String.class);
            }
            return value;
        }
    }
}
