package dev.accelerometer.common.costing;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.model.calibration.CalibrationTable;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The costing service's calibration constants and error bands, for the services that compute with the model library
 * in-process (planner, quantization): the same values costing computes with, read over REST, typed, cached and
 * re-read every {@code accelerometer.costing.poll-interval} (a conditional GET: costing answers 304 while they are
 * unchanged). Before the first successful read an answer that needs them is a 503; afterwards a costing outage leaves
 * the last values in use.
 */
@ApplicationScoped
public class CostingFacts {
    private static final Logger LOG = Logger.getLogger(CostingFacts.class);
    private static final GenericType<List<CalibrationConstants>> ROWS = new GenericType<>() {
    };

    @Inject
    @RestClient
    CostingApi api;

    private volatile CalibrationTable table;
    private volatile String etag;
    private volatile Map<String, ErrorBand> bands = Map.of();

    /** The calibration table; 503 when costing has never answered. */
    public CalibrationTable calibrations() {
        CalibrationTable current = table;
        if (current != null) {
            return current;
        }
        try {
            refreshCalibrations();
        } catch (RuntimeException e) {
            LOG.debugf("costing unreachable: %s", e);
        }
        if (table == null) {
            throw new ApiException(503, "costing-unavailable", "Costing unavailable", "The costing service did not answer; the calibration "
                    + "constants every estimate uses come from it. Retry shortly.", List.of());
        }
        return table;
    }

    /**
     * Calibration profiles in use, by id: a saved profile never changes; a deleted one stops being served within a minute.
     */
    private final com.github.benmanes.caffeine.cache.Cache<java.util.UUID, CalibrationProfile> profiles =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(java.time.Duration.ofMinutes(1)).build();

    /** The calibration profile a request names (null when it names none); one costing does not have is a 400 naming {@code field}. */
    public CalibrationProfile profile(java.util.UUID profileId, String field) {
        if (profileId == null) {
            return null;
        }
        return profiles.get(profileId, id -> {
            try {
                return api.calibrationProfile(id);
            } catch (jakarta.ws.rs.WebApplicationException e) {
                if (e.getResponse().getStatus() == 404) {
                    throw ApiException.invalidField(field, "names no saved calibration profile (never saved, or deleted): create one with "
                            + "POST /v1/calibration-profiles on costing or leave the field out");
                }
                throw unavailable(id, " (" + e.getResponse().getStatus() + ")");
            } catch (jakarta.ws.rs.ProcessingException e) {
                throw unavailable(id, "");
            }
        });
    }

    private static ApiException unavailable(java.util.UUID id, String why) {
        return new ApiException(503, "costing-unavailable", "Costing unavailable", "The costing service did not answer with calibration profile "
                + id + why + ". Retry shortly.", List.of());
    }

    /**
     * The constants to compute with on one device under the profile a request names ({@code field}; null: the table's),
     * the answer's assumptions saying what the profile changed there or that it does not cover the device.
     */
    public dev.accelerometer.model.calibration.Calibration calibration(dev.accelerometer.model.hardware.Device device, java.util.UUID profileId,
            String field, List<String> assumptions) {
        CalibrationProfile profile = profile(profileId, field);
        if (profile != null) {
            assumptions.add(profile.assumption(device.id()));
        }
        return calibration(device, profile);
    }

    /** The constants to compute with on {@code device}: the profile's where it covers the device, the table's otherwise. */
    public dev.accelerometer.model.calibration.Calibration calibration(dev.accelerometer.model.hardware.Device device, CalibrationProfile profile) {
        CalibrationProfile.Accelerator own = profile == null ? null : profile.accelerator(device.id());
        return own != null ? own.toModel() : calibrations().forArchitecture(device.architecture());
    }

    /** The error band of a regime (gemm, attention, training, decode), if costing has published one. */
    public java.util.Optional<ErrorBand> errorBand(String category) {
        if (bands.isEmpty()) {
            try {
                refreshBands();
            } catch (RuntimeException e) {
                LOG.debugf("costing error bands unavailable: %s", e);
            }
        }
        return java.util.Optional.ofNullable(bands.get(category));
    }

    @Scheduled(every = "${accelerometer.costing.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void refresh() {
        try {
            refreshCalibrations();
            refreshBands();
        } catch (RuntimeException e) {
            LOG.debugf("costing unreachable, keeping the last calibrations: %s", e);
        }
    }

    private synchronized void refreshCalibrations() {
        try (Response response = api.calibrations(etag)) {
            if (response.getStatus() == 304) {
                return;
            }
            if (response.getStatus() != 200) {
                throw new IllegalStateException("costing answered " + response.getStatus() + " to GET /v1/calibrations");
            }
            List<CalibrationConstants> fresh = response.readEntity(ROWS);
            table = new CalibrationTable(fresh.stream().map(CalibrationConstants::toModel).toList());
            etag = response.getHeaderString("ETag");
        }
    }

    private void refreshBands() {
        Map<String, ErrorBand> fresh = api.errorBands(null).stream()
                .collect(Collectors.toUnmodifiableMap(ErrorBand::category, Function.identity(), (a, b) -> a));
        // The per-architecture bands follow the same ledger: renewed only when it moved, not on every poll.
        if (!fresh.equals(bands)) {
            architectureBands.clear();
        }
        bands = fresh;
    }

    /**
     * Per architecture (costing's regimes depend on the architecture alone; bounded by the catalog's architectures), fetched
     * once through one of its accelerators and kept until the category bands change.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Map<String, ErrorBand>> architectureBands = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_ARCHITECTURE_BANDS = 256;

    /**
     * The band an estimate of {@code category} on {@code device} quotes (costing's regime for its architecture: its own band
     * where the ledger has tested it, widened where it has not); the category's when costing cannot say.
     */
    public java.util.Optional<ErrorBand> errorBand(String category, dev.accelerometer.model.hardware.Device device) {
        if (device == null || device.architectureName() == null) {
            return errorBand(category);
        }
        Map<String, ErrorBand> own = architectureBands.get(device.architectureName());
        if (own == null) {
            try {
                own = api.errorBands(device.id()).stream().collect(Collectors.toUnmodifiableMap(ErrorBand::category, Function.identity(), (a, b) -> a));
                if (architectureBands.size() < MAX_ARCHITECTURE_BANDS) {
                    architectureBands.put(device.architectureName(), own);
                }
            } catch (RuntimeException e) {
                LOG.debugf("costing error bands for %s unavailable: %s", device.id(), e);
                own = Map.of();
            }
        }
        ErrorBand band = own.get(category);
        return band != null ? java.util.Optional.of(band) : errorBand(category).map(b -> acrossArchitectures(b, device.architectureName()));
    }

    /**
     * The category's band standing in for an architecture's own (costing did not answer for it): said in its note, since the
     * answers quoting it name the architecture, and the architecture's own band may be several times wider.
     */
    public static ErrorBand acrossArchitectures(ErrorBand band, String architecture) {
        return new ErrorBand(band.category(), band.cases(), band.medianAbsoluteErrorPercent(), band.p90AbsoluteErrorPercent(),
                band.worstAbsoluteErrorPercent(), "not " + architecture + "'s own band (costing did not answer for it): the " + band.category()
                + " band across every architecture, " + band.note());
    }
}
