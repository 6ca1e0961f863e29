package dev.accelerometer.common.problem;

/** A rule a document breaks: the JSON path of the field and what to change. */
public record FieldError(String field, String message) {
}
