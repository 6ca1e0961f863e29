package dev.accelerometer.catalog.domain;

import java.util.List;
import java.util.Map;

/**
 * A document of the catalog: identified by a slug, carrying the sources of its values.
 * {@link #fieldSources()} maps every sourced field (dotted for nested ones, e.g. {@code host.ramBytes}) to a source id.
 */
public interface CatalogDocument {
    String id();

    List<Source> sources();

    Map<String, String> fieldSources();

    /** Server-maintained revision; ignored on writes. */
    Long version();

    /** A copy with the server-maintained fields ({@code version}, derived figures) cleared, as it is stored. */
    CatalogDocument stripped();

    /** A copy carrying the stored revision number and any figures derived from the stored fields. */
    CatalogDocument presented(long version);
}
