package dev.accelerometer.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.catalog.domain.Accelerator;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.catalog.store.CatalogEntry;
import dev.accelerometer.catalog.store.DocumentStore;
import dev.accelerometer.common.catalog.CatalogSystem;
import dev.accelerometer.common.catalog.InstancePrice;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Each accelerator's cloud price per device-hour, derived in one place for every reader (costing, quantization and the
 * dashboard used to derive it each on their own): the accelerator's own on-demand price where the catalog has one (TPU
 * chips are sold per chip), else the cheapest priced cloud instance holding it ÷ its accelerators (common
 * {@link InstancePrice}, the rule the cost answers use).
 */
@Path("/v1/cloud-prices")
@Tag(name = "accelerators")
@Produces(MediaType.APPLICATION_JSON)
public class CloudPriceResource {
    @Inject
    DocumentStore store;
    @Inject
    ObjectMapper json;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CloudPrice", description = "An accelerator's cloud price per device-hour and where it comes from.")
    public record CloudPrice(String acceleratorId,
            @Schema(description = "US dollars per device-hour.") double usdPerDeviceHour,
            @Schema(description = "accelerator: the accelerator's own on-demand price; instance: the cheapest priced instance holding it ÷ "
                    + "its accelerators.", enumeration = {"accelerator", "instance"}) String basis,
            @Schema(description = "Who sells it at this price.") String provider,
            @Schema(description = "When the price was read (YYYY-MM or YYYY-MM-DD).") String date,
            @Schema(description = "basis instance: the catalog system (kind cloud-instance) the price comes from.") String systemId,
            @Schema(description = "basis instance: the instance's on-demand price, US dollars per hour.") Double instanceUsdPerHour,
            @Schema(description = "basis instance: the number of accelerators in the instance.") Integer acceleratorsPerInstance,
            @Schema(description = "basis instance: the instance's spot (preemptible) price ÷ its accelerators, US dollars per device-hour, "
                    + "where the catalog has one.") Double spotUsdPerDeviceHour,
            @Schema(description = "The provider's region the price is quoted for, where the catalog states it.") String region) {
    }

    @GET
    @Operation(operationId = "listCloudPrices", summary = "Every priced accelerator's cloud price per device-hour, with its basis",
            description = "The accelerator's own on-demand price where the catalog has one, else the cheapest priced cloud instance "
                    + "holding it divided by its accelerators; accelerators with neither are absent. Sorted by accelerator id.")
    public List<CloudPrice> list() {
        List<CatalogSystem> systems = store.all(Collection.SYSTEMS).stream().map(this::system).toList();
        Map<String, InstancePrice> cheapest = InstancePrice.cheapestByAccelerator(InstancePrice.all(systems));
        List<CloudPrice> prices = new ArrayList<>();
        for (CatalogEntry entry : store.all(Collection.ACCELERATORS)) {
            Accelerator a = store.read(entry, Accelerator.class);
            InstancePrice instance = cheapest.get(a.id());
            if (a.cloudPriceUsdPerHour() != null) {
                prices.add(new CloudPrice(a.id(), a.cloudPriceUsdPerHour(), "accelerator", a.cloudPriceProvider(), a.cloudPriceDate(), null, null, null, null, null));
            } else if (instance != null) {
                prices.add(new CloudPrice(a.id(), instance.usdPerDeviceHour(), "instance", instance.provider(), instance.date(), instance.systemId(),
                        instance.instanceUsdPerHour(), instance.accelerators(), instance.spotUsdPerDeviceHour(), instance.region()));
            }
        }
        prices.sort(Comparator.comparing(CloudPrice::acceleratorId));
        return prices;
    }

    private CatalogSystem system(CatalogEntry entry) {
        try {
            return json.readValue(entry.doc, CatalogSystem.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
