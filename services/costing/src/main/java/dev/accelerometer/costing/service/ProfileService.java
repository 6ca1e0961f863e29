package dev.accelerometer.costing.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Owners;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.common.costing.ErrorBand;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.common.store.Retention;
import dev.accelerometer.common.store.SavedResults;
import dev.accelerometer.costing.api.CalibrationProfiles;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
import dev.accelerometer.costing.store.CalibrationProfileRow;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.CalibrationParameter;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.calibration.ProfileFit;
import dev.accelerometer.model.hardware.Device;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Calibration profiles (issue 19): a user's measurements are predicted by the same code the cost endpoints answer with,
 * the constants of the regimes they touch are fitted per accelerator ({@link ProfileFit}), and the profile is saved,
 * owned by the API key that sent it. Answers naming a profile compute with its constants and quote its band.
 */
@ApplicationScoped
public class ProfileService {
    /**
     * Two measurements of the same inputs more than a factor of two apart contradict each other: repeated runs of one
     * kernel differ by a few percent (clocks, temperature), and the model's own widest held-out band (p90 of GET
     * /v1/validation) is under 80 %, so a factor of two is a different machine, setting or unit, not noise.
     */
    static final double CONTRADICTION_RATIO = 2.0;
    /** A profile's band needs this many measurements of a regime (the validation report's coverage uses the same floor). */
    static final int BAND_MINIMUM = 3;
    /** Median absolute deviation of a Gaussian in σ (σ = median |r| / 0.6745). */
    static final double MAD_TO_SIGMA = 0.6745;
    /** The 90th percentile of |r| for a Gaussian, in σ. */
    static final double P90_TO_SIGMA = 1.645;

    @Inject
    CostService costs;
    @Inject
    CatalogCache catalog;
    @Inject
    Calibrations calibrations;
    @Inject
    ErrorBands errorBands;
    @Inject
    SavedResults saved;
    @Inject
    Owners owners;
    @Inject
    Validator validator;
    @Inject
    dev.accelerometer.common.catalog.Clusters clusters;

    /**
     * Profiles in use, by id: a saved profile never changes, so answers read it from here; a delete on this instance drops it
     * at once, elsewhere within a minute.
     */
    private final Cache<UUID, Use> inUse = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    /** Fits and saves a profile; the fit runs outside the transaction, which holds only the quota check and the insert. */
    public CalibrationProfiles.Profile create(CalibrationProfiles.Create request) {
        String owner = owners.required("Saving a calibration profile");
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        CalibrationProfiles.Profile profile = fit(request, id, now, owner);
        QuarkusTransaction.requiringNew().run(() -> {
            Retention retention = saved.retention(CalibrationProfileRow.class, Optional.of(owner), now, "calibration profile");
            CalibrationProfileRow row = new CalibrationProfileRow();
            row.name = profile.name();
            row.acceleratorIds = String.join(",", profile.acceleratorIds());
            row.measurements = request.measurements().size();
            saved.save(row, id, now, retention, request, profile);
        });
        return profile;
    }

    public CalibrationProfiles.Profile get(String id) {
        return saved.result(saved.live(CalibrationProfileRow.class, id, "calibration profile"), CalibrationProfiles.Profile.class);
    }

    public PageOf<CalibrationProfiles.Summary> list(int page, int pageSize) {
        return saved.list(CalibrationProfileRow.class, owners.required("Listing calibration profiles"), null, Map.of(), page, pageSize,
                r -> new CalibrationProfiles.Summary(r.id, r.createdAt, r.name, List.of(r.acceleratorIds.split(",")), r.measurements));
    }

    public void delete(String id) {
        String owner = owners.required("Deleting a calibration profile");
        QuarkusTransaction.requiringNew().run(() -> saved.delete(CalibrationProfileRow.class, id, "calibration profile", owner));
        try {
            inUse.invalidate(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            // not a UUID: the delete above already answered 400
        }
    }

    /** The profile a request names, ready to compute with; the table's constants when it names none. */
    public Use use(UUID id) {
        if (id == null) {
            return new Use(null, Map.of(), calibrations);
        }
        return inUse.get(id, key -> {
            CalibrationProfiles.Profile profile;
            try {
                profile = get(key.toString());
            } catch (ApiException e) {
                if (e.status == 404) {
                    throw ApiException.invalidField("calibrationProfile", "names no saved calibration profile (never saved, or deleted): "
                            + "create one with POST /v1/calibration-profiles or leave the field out");
                }
                throw e;
            }
            Map<String, Calibration> byAccelerator = new HashMap<>();
            for (CalibrationProfiles.AcceleratorFit fit : profile.accelerators()) {
                byAccelerator.put(fit.acceleratorId(), fit.calibration().toModel().withScales(fit.attentionScale(), fit.intraNodeCollectiveScale(),
                        fit.interNodeCollectiveScale()));
            }
            return new Use(profile, byAccelerator, calibrations);
        });
    }

    /** A profile in use: its constants on the accelerators it covers, the table's elsewhere. */
    public record Use(CalibrationProfiles.Profile profile, Map<String, Calibration> byAccelerator, Calibrations table) implements Calibrating {
        @Override
        public Calibration of(Device device) {
            Calibration own = byAccelerator.get(device.id());
            return own != null ? own : table.table().forArchitecture(device.architecture());
        }

        /** The estimate saying which profile it ran under and, where the profile has enough measurements of its regime, that band. */
        public Responses.Estimate annotate(Responses.Estimate estimate) {
            if (profile == null) {
                return estimate;
            }
            CalibrationProfiles.AcceleratorFit fit = profile.accelerator(estimate.acceleratorId());
            if (fit == null) {
                return estimate.withCalibrationProfile(new CalibrationProfiles.Applied(profile.id(), profile.name(), false, List.of(),
                        "the profile covers " + String.join(", ", profile.acceleratorIds()) + ", not " + estimate.acceleratorId()
                                + ": the calibration table's constants were used"), estimate.expectedError());
            }
            List<CalibrationProfiles.Change> changed = fit.parameters().stream().filter(p -> p.fitted() && p.value() != p.defaultValue())
                    .map(p -> new CalibrationProfiles.Change(p.parameter(), p.defaultValue(), p.value())).toList();
            String category = estimate.expectedError() == null ? null : estimate.expectedError().category();
            Optional<ErrorBand> own = fit.errorBands().stream().filter(b -> b.category().equals(category)).findFirst();
            String note = own.isPresent() ? "error band: leave-one-out over the profile's " + own.get().cases() + " " + category
                    + " measurements on this accelerator"
                    : "error band: the validation ledger's (the profile has fewer than " + BAND_MINIMUM + " " + category
                            + " measurements on this accelerator to state its own)";
            return estimate.withCalibrationProfile(new CalibrationProfiles.Applied(profile.id(), profile.name(), true, changed, note),
                    own.orElse(estimate.expectedError()));
        }
    }

    /** One measurement, checked and ready to predict under any calibration. */
    record Prepared(String id, String path, String acceleratorId, String kind, String category, String workload, double measured,
            double sigmaLog, ToDoubleFunction<Calibration> predictor, String note) {
    }

    CalibrationProfiles.Profile fit(CalibrationProfiles.Create request, UUID id, Instant now, String owner) {
        List<String> acceleratorIds = request.acceleratorIds().stream().distinct().toList();
        Map<String, Device> devices = new LinkedHashMap<>();
        for (int i = 0; i < acceleratorIds.size(); i++) {
            devices.put(acceleratorIds.get(i), catalog.device(acceleratorIds.get(i), "acceleratorIds[" + i + "]"));
        }
        Set<CalibrationParameter> asked = EnumSet.noneOf(CalibrationParameter.class);
        if (request.parameters() != null) {
            request.parameters().forEach(p -> asked.add(CalibrationParameter.fromSlug(p).orElseThrow()));
        }
        List<Prepared> prepared = prepare(request, devices);
        String source = "calibration profile '" + request.name() + "' (" + id + ")";
        List<CalibrationProfiles.AcceleratorFit> fits = new ArrayList<>();
        List<CalibrationProfiles.MeasurementFit> measurementFits = new ArrayList<>();
        for (int i = 0; i < acceleratorIds.size(); i++) {
            String acceleratorId = acceleratorIds.get(i);
            List<Prepared> mine = prepared.stream().filter(p -> p.acceleratorId().equals(acceleratorId)).toList();
            if (mine.isEmpty()) {
                throw ApiException.invalidField("acceleratorIds[" + i + "]", "has no measurement in the profile; add measurements on "
                        + acceleratorId + " or leave it out");
            }
            Device device = devices.get(acceleratorId);
            Calibration base = calibrations.table().forArchitecture(device.architecture());
            ProfileFit.Result result;
            try {
                result = ProfileFit.fit(base, mine.stream().map(p -> new ProfileFit.Observation(p.id(), p.measured(), p.sigmaLog(), p.predictor()))
                        .toList(), priors(device, base), asked, source);
            } catch (ProfileFit.NotIdentifiable e) {
                throw notIdentifiable(e, acceleratorId);
            } catch (ProfileFit.Unpredictable e) {
                Prepared p = mine.stream().filter(m -> m.id().equals(e.id)).findFirst().orElseThrow();
                throw new ApiException(422, "unpredictable-measurement", "The model cannot predict a measurement", e.getMessage(),
                        List.of(new Problem.Violation(p.path(), "the model gives no finite time for this workload; check its shape")));
            }
            fits.add(acceleratorFit(acceleratorId, device, mine, result));
            for (int k = 0; k < mine.size(); k++) {
                Prepared p = mine.get(k);
                ProfileFit.Residual r = result.residuals().get(k);
                measurementFits.add(new CalibrationProfiles.MeasurementFit(p.id(), acceleratorId, p.kind(), p.category(), p.workload(),
                        p.measured(), r.predictedBefore(), r.predictedAfter(), r.predictedLeaveOneOut(), r.errorBeforePercent(),
                        r.errorAfterPercent(), r.errorLeaveOneOutPercent(), p.sigmaLog(), r.weight(), p.note()));
            }
        }
        return new CalibrationProfiles.Profile(id, now, owner, request.name(), acceleratorIds, request.software(),
                request.parameters() == null ? List.of() : List.copyOf(request.parameters()), fits, measurementFits);
    }

    private CalibrationProfiles.AcceleratorFit acceleratorFit(String acceleratorId, Device device, List<Prepared> mine, ProfileFit.Result result) {
        List<CalibrationProfiles.ParameterFit> parameters = result.parameters().stream().map(f -> new CalibrationProfiles.ParameterFit(
                f.parameter().slug(), f.defaultValue(), f.value(), f.multiplier(), percent(f.sigmaLog()), f.informed(), f.atBound(),
                percent(f.prior().sigmaLog()), f.prior().source(), f.movedBy(), f.informed() ? null
                        : "no measurement informs it (none moves its prediction by 0.05 % per 1 % change); " + informedBy(f.parameter())))
                .toList();
        Map<String, List<Double>> byCategory = new LinkedHashMap<>();
        for (int k = 0; k < mine.size(); k++) {
            byCategory.computeIfAbsent(mine.get(k).category(), c -> new ArrayList<>())
                    .add(Math.abs(result.residuals().get(k).errorLeaveOneOutPercent()));
        }
        List<ErrorBand> bands = new ArrayList<>();
        byCategory.forEach((category, errors) -> {
            if (errors.size() >= BAND_MINIMUM) {
                double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                bands.add(new ErrorBand(category, sorted.length, Calibrator.percentile(sorted, 0.5), Calibrator.percentile(sorted, 0.9),
                        sorted[sorted.length - 1], "calibration profile: leave-one-out over its " + sorted.length + " " + category
                                + " measurements on " + acceleratorId));
            }
        });
        Calibration c = result.calibration();
        return new CalibrationProfiles.AcceleratorFit(acceleratorId, device.architectureName(), mine.size(), parameters,
                CalibrationConstants.of(c), c.attentionScale(), c.intraNodeCollectiveScale(), c.interNodeCollectiveScale(),
                result.medianErrorBeforePercent(), result.p90ErrorBeforePercent(),
                result.medianErrorLeaveOneOutPercent(), result.p90ErrorLeaveOneOutPercent(), bands, result.iterations(), result.converged());
    }

    private List<Prepared> prepare(CalibrationProfiles.Create request, Map<String, Device> devices) {
        List<Prepared> prepared = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> inputs = new HashMap<>();
        int models = 0;
        for (int i = 0; i < request.measurements().size(); i++) {
            CalibrationProfiles.Measurement m = request.measurements().get(i);
            String path = "measurements[" + i + "]";
            int given = (m.matmul() != null ? 1 : 0) + (m.attention() != null ? 1 : 0) + (m.model() != null ? 1 : 0)
                    + (m.allReduce() != null ? 1 : 0);
            if (given != 1) {
                throw ApiException.invalidField(path, "give exactly one of matmul, attention, model or allReduce");
            }
            Device device = devices.get(m.acceleratorId());
            if (device == null) {
                throw ApiException.invalidField(path + ".acceleratorId", "is not one of the profile's acceleratorIds ("
                        + String.join(", ", devices.keySet()) + "); add it there or leave this measurement out");
            }
            String id = m.id() != null ? m.id() : "m" + (i + 1);
            Integer earlier = ids.putIfAbsent(id, i);
            if (earlier != null) {
                throw ApiException.invalidField(path + ".id", "repeats the id of measurements[" + earlier + "]; ids must be unique");
            }
            if (m.model() != null && ++models > CalibrationProfiles.MAX_MODEL_MEASUREMENTS) {
                throw ApiException.invalidField(path + ".model", "is one whole-model measurement more than the "
                        + CalibrationProfiles.MAX_MODEL_MEASUREMENTS + " a profile holds; keep the most representative");
            }
            Prepared p = prepare(m, id, path, device);
            String key = m.acceleratorId() + " " + p.kind() + " " + body(m, m.acceleratorId());
            Integer same = inputs.putIfAbsent(key, prepared.size());
            if (same != null) {
                Prepared other = prepared.get(same);
                double ratio = Math.max(p.measured(), other.measured()) / Math.min(p.measured(), other.measured());
                if (ratio > CONTRADICTION_RATIO) {
                    throw ApiException.invalidField(path + ".timeSeconds", String.format(Locale.ROOT, "contradicts %s (the same inputs "
                            + "measured %.4g s against %.4g s, %.1f× apart — more than repeated runs differ); re-measure or leave one out",
                            other.path(), p.measured(), other.measured(), ratio));
                }
            }
            prepared.add(p);
        }
        return prepared;
    }

    private Prepared prepare(CalibrationProfiles.Measurement m, String id, String path, Device device) {
        if (m.allReduce() != null) {
            return allReduce(m, id, path, device);
        }
        String kind = m.matmul() != null ? "matmul" : m.attention() != null ? "attention" : "model";
        Object body = body(m, device.id());
        String bodyPath = path + "." + kind;
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Object> v : validator.validate(body)) {
            errors.add(new FieldError(bodyPath + "." + v.getPropertyPath(), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.size() + " field(s) of " + bodyPath + " are invalid", errors);
        }
        if (m.matmul() != null && m.matmul().calibrationProfile() != null || m.attention() != null && m.attention().calibrationProfile() != null
                || m.model() != null && m.model().calibrationProfile() != null) {
            throw ApiException.invalidField(bodyPath + ".calibrationProfile", "cannot be set inside a profile's measurement: the fit starts "
                    + "from the calibration table");
        }
        Responses.Estimate atDefaults;
        ToDoubleFunction<Calibration> predictor;
        try {
            Calibrating table = Calibrating.table(calibrations.table());
            if (m.matmul() != null) {
                Requests.Matmul r = m.matmul().on(device.id());
                atDefaults = costs.matmul(r, table);
                dev.accelerometer.model.hardware.Format format = CostService.format(device, r.format());
                predictor = c -> CostService.gemm(device, c, r, format).cost().timeSeconds();
            } else if (m.attention() != null) {
                Requests.Attention r = m.attention().on(device.id());
                atDefaults = costs.attention(r, table);
                predictor = c -> costs.attention(r, Calibrating.fixed(c)).timeSeconds();
            } else {
                Requests.ModelCost r = m.model().on(device.id());
                atDefaults = costs.modelWithoutElectricity(r, table);
                predictor = c -> costs.modelWithoutElectricity(r, Calibrating.fixed(c)).timeSeconds();
            }
        } catch (ApiException e) {
            throw new ApiException(e.status, e.typeSlug, e.title, bodyPath + ": " + e.getMessage(), e.violations.stream()
                    .map(v -> new Problem.Violation(v.path().equals("acceleratorId") ? path + ".acceleratorId" : bodyPath + "." + v.path(),
                            v.message())).toList(), e.headers);
        }
        String category = atDefaults.expectedError() == null ? kind : atDefaults.expectedError().category();
        return new Prepared(id, path, device.id(), kind, category, atDefaults.workload(), m.timeSeconds(), sigmaLog(category), predictor,
                m.note());
    }

    private static Object body(CalibrationProfiles.Measurement m, String acceleratorId) {
        return m.matmul() != null ? m.matmul().on(acceleratorId) : m.attention() != null ? m.attention().on(acceleratorId)
                : m.model() != null ? m.model().on(acceleratorId) : m.allReduce();
    }

    /**
     * The noise of an all-reduce measurement in log space: the spread of NCCL's large-message bus bandwidth between published
     * systems of one link kind, ±10 % for NIC-bound rings (model CollectiveEfficiency; NVLink ±4 %, NVLS ±9 %, PCIe ±21 %),
     * taken as one σ.
     */
    static final double COLLECTIVE_SIGMA = Math.log(1.10);

    /** An all-reduce on a cluster of the measurement's accelerator, timed by the collective model under the profile's scales. */
    private Prepared allReduce(CalibrationProfiles.Measurement m, String id, String path, Device device) {
        String bodyPath = path + ".allReduce";
        dev.accelerometer.common.api.ClusterSpec c = m.allReduce().cluster();
        if (c.acceleratorId() != null && !c.acceleratorId().equals(device.id())) {
            throw ApiException.invalidField(bodyPath + ".cluster.acceleratorId", "must be the measurement's acceleratorId (" + device.id()
                    + ") or left out");
        }
        dev.accelerometer.common.api.ClusterSpec spec = new dev.accelerometer.common.api.ClusterSpec(device.id(), c.devices(), c.devicesPerNode(),
                c.intraNodeLinkId(), c.interNodeLinkId(), c.systemId(), c.torusShape());
        // The number format does not change an all-reduce's time: any the device runs lets the cluster resolve.
        dev.accelerometer.model.hardware.Format any = device.peakPerSecond().keySet().iterator().next();
        dev.accelerometer.model.parallel.Cluster base = clusters.resolve(spec, bodyPath + ".cluster", any, bodyPath + ".cluster", new ArrayList<>());
        if (base.devices() < 2) {
            throw ApiException.invalidField(bodyPath + ".cluster.devices", "must be at least 2: an all-reduce needs two devices");
        }
        double bytes = m.allReduce().messageBytes();
        ToDoubleFunction<Calibration> predictor = cal -> dev.accelerometer.model.collective.CollectiveModel.estimate(
                base.withCollectiveScale(cal),
                dev.accelerometer.model.collective.Collective.ALL_REDUCE, bytes).seconds();
        String workload = String.format(Locale.ROOT, "all-reduce of %.4g bytes over %d devices (%d node%s)", bytes, base.devices(), base.nodes(),
                base.nodes() == 1 ? "" : "s");
        return new Prepared(id, path, device.id(), "allReduce", "collective", workload, m.timeSeconds(), COLLECTIVE_SIGMA, predictor,
                m.note());
    }

    /**
     * A measurement's noise in log space: its regime's held-out median absolute error in GET /v1/validation as a Gaussian's
     * median deviation (σ = ln(1 + median) / 0.6745) — the model's own demonstrated misfit, so one measurement cannot move a
     * constant further than the model is known to be wrong. A regime without a band takes the loosest regime's.
     */
    double sigmaLog(String category) {
        ErrorBand band = errorBands.forCategory(category);
        Double median = band.medianAbsoluteErrorPercent();
        if (median == null) {
            median = errorBands.all().stream().map(ErrorBand::medianAbsoluteErrorPercent).filter(v -> v != null).max(Double::compare)
                    .orElse(25.0);
        }
        return Math.log(1 + median / 100) / MAD_TO_SIGMA;
    }

    /**
     * The priors on an accelerator: each parameter may move as far as the model is demonstrably wrong in the regime it
     * governs — the held-out p90 error of that regime in GET /v1/validation taken as 1.645 σ (GEMMs for the GEMM ceiling,
     * attention for the attention ceiling, batch-1 decode — bandwidth-bound — for bandwidth, GPU or TPU training runs for the
     * training-step efficiency); widened on an architecture without constants of its own (model {@link ProfileFit#priors}).
     */
    Map<CalibrationParameter, ProfileFit.Prior> priors(Device device, Calibration base) {
        Map<CalibrationParameter, ProfileFit.Prior> regimes = new java.util.EnumMap<>(CalibrationParameter.class);
        regimes.put(CalibrationParameter.GEMM_CEILING, regimePrior("gemm"));
        regimes.put(CalibrationParameter.ATTENTION_CEILING, regimePrior("attention"));
        regimes.put(CalibrationParameter.BANDWIDTH_FRACTION, regimePrior("decode"));
        regimes.put(CalibrationParameter.TRAINING_STEP_EFFICIENCY, regimePrior(device.kind() == Device.Kind.TPU ? "tpu-training" : "training"));
        regimes.put(CalibrationParameter.INTRA_NODE_COLLECTIVE_SCALE, new ProfileFit.Prior(Math.log(1.21), "the widest spread of NCCL's "
                + "large-message bus bandwidth between published systems of one link kind inside a node (PCIe rings ±21 %, model "
                + "CollectiveEfficiency) as one σ"));
        regimes.put(CalibrationParameter.INTER_NODE_COLLECTIVE_SCALE, new ProfileFit.Prior(Math.log(1.10), "the spread of NIC-bound rings' "
                + "bus bandwidth between published systems (±10 %, model CollectiveEfficiency) as one σ"));
        return ProfileFit.priors(regimes, calibrations.table(), base);
    }

    private ProfileFit.Prior regimePrior(String category) {
        ErrorBand band = errorBands.forCategory(category);
        Double p90 = band.p90AbsoluteErrorPercent();
        String basis = "the held-out p90 error of the " + category + " regime in GET /v1/validation";
        if (p90 == null) {
            p90 = errorBands.all().stream().map(ErrorBand::p90AbsoluteErrorPercent).filter(v -> v != null).max(Double::compare).orElse(50.0);
            basis = "the loosest regime's held-out p90 error in GET /v1/validation (the " + category + " regime has no band)";
        }
        return new ProfileFit.Prior(Math.log(1 + p90 / 100) / P90_TO_SIGMA, String.format(Locale.ROOT, "%s (%.1f %%) as 1.645 σ", basis, p90));
    }

    private static double percent(double sigmaLog) {
        return 100 * (Math.exp(sigmaLog) - 1);
    }

    /** Which measurements inform a parameter (what a 422 for an unidentifiable fit suggests). */
    static String informedBy(CalibrationParameter p) {
        return switch (p) {
            case GEMM_CEILING -> "a large matmul informs it (e.g. 8192 × 8192 × 8192 in the format you train in)";
            case ATTENTION_CEILING -> "an attention measurement with a fused kernel informs it (flash, flash-attention-2/3 or cudnn)";
            case BANDWIDTH_FRACTION -> "a model measurement in mode decode at batch 1 informs it, or a matmul with m = 1 (a matrix-vector product)";
            case KERNEL_LATENCY -> "small matmuls inform it (e.g. 256 × 256 × 256), or decode of a small model";
            case TRAINING_STEP_EFFICIENCY -> "a model measurement in mode training informs it (one step's time)";
            case INTRA_NODE_COLLECTIVE_SCALE -> "an allReduce of 1 MiB or more inside one node informs it (nccl-tests all_reduce_perf)";
            case INTER_NODE_COLLECTIVE_SCALE -> "an allReduce of 1 MiB or more over several nodes informs it (nccl-tests all_reduce_perf)";
        };
    }

    private static ApiException notIdentifiable(ProfileFit.NotIdentifiable e, String acceleratorId) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (CalibrationParameter p : e.uninformed) {
            violations.add(new Problem.Violation("parameters", p.slug() + " on " + acceleratorId + ": " + informedBy(p)));
        }
        if (violations.isEmpty()) {
            violations.add(new Problem.Violation("parameters", e.getMessage()));
        }
        return new ApiException(422, "not-identifiable", "The fit cannot be identified", "On " + acceleratorId + ", " + e.getMessage()
                + ": add the measurements named in violations, or leave those parameters out of parameters.", violations);
    }
}
