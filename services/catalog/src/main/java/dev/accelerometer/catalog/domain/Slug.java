package dev.accelerometer.catalog.domain;

/** The one rule for stable ids in the catalog: lowercase words of letters and digits joined by '-' or '.'. */
public final class Slug {
    public static final String PATTERN = "^[a-z0-9]+([-.][a-z0-9]+)*$";
    public static final String MESSAGE = "must be a lowercase slug such as 'nvidia-h100-sxm' (a-z, 0-9, single '-' or '.' between words)";
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);
    public static final int MAX_LENGTH = 80;

    private Slug() {
    }

    public static boolean isValid(String candidate) {
        return candidate != null && candidate.length() <= MAX_LENGTH && COMPILED.matcher(candidate).matches();
    }
}
