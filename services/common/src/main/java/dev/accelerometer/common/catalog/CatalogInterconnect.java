package dev.accelerometer.common.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fields of the catalog's Interconnect schema the services read. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogInterconnect(String id, String name, String kind, Double bandwidthPerDirectionBytesPerSecond, Double latencySeconds,
        Integer linksPerDevice, String topology, Long version) {
}
