package dev.accelerometer.common.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The fields of the catalog's System schema the services read. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogSystem(String id, String name, String kind, String acceleratorId, Integer acceleratorsPerNode, Integer nodes,
        Integer totalAccelerators, String intraNodeLinkId, String interNodeLinkId, Integer interNodeLinksPerNode, List<Integer> torusShape,
        Double cloudPriceUsdPerHour, String cloudPriceProvider, String cloudPriceDate, Long version, Double listPriceUsd, String listPriceDate,
        Double systemPowerWatts, Double cloudSpotPriceUsdPerHour, String cloudRegion) {
}
