package dev.accelerometer.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.catalog.domain.Slug;
import dev.accelerometer.catalog.domain.WorkstationReview;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response of {@code POST /v1/systems/check}. */
public final class SystemCheck {
    private SystemCheck() {
    }

    @Schema(name = "WorkstationBuild", description = "A custom workstation to review. GPU TDP and memory come from the catalog accelerator.")
    public record Request(
            @Schema(example = "nvidia-rtx-3090") @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) String acceleratorId,
            @Schema(description = "Number of GPUs.", example = "4") @NotNull @Positive @Max(16) Integer acceleratorCount,
            @Schema(description = "Power limit set on each GPU (nvidia-smi -pl), watts; default: the catalog TDP; at most 10,000.", example = "300") @Positive
            @jakarta.validation.constraints.DecimalMax(value = "10000", message = "must be at most 10000 W") Double gpuPowerLimitWatts,
            @Schema(description = "Number of physical CPU cores.", example = "16") @NotNull @Positive @Max(1024) Integer cpuCores,
            @Schema(description = "CPU TDP, watts (at most 10,000).", example = "280") @NotNull @Positive
            @jakarta.validation.constraints.DecimalMax(value = "10000", message = "must be at most 10000 W") Double cpuTdpWatts,
            @Schema(description = "Drives, fans, board and RAM, watts (default 0: the 10 % headroom is meant to cover them).", example = "50") @PositiveOrZero
            @jakarta.validation.constraints.DecimalMax(value = "100000", message = "must be at most 100000 W") Double otherComponentsWatts,
            @Schema(description = "Host RAM, bytes (at most 2^50).", example = "137438953472") @NotNull @Positive @Max(1L << 50) Long ramBytes,
            @Schema(description = "PSU capacity, watts (at most 100,000).", example = "1600") @NotNull @Positive
            @jakarta.validation.constraints.DecimalMax(value = "100000", message = "must be at most 100000 W") Double psuWatts,
            @Schema(description = "Number of PCIe lanes each GPU slot gets.", example = "16") @NotNull @Positive @Max(32) Integer pcieLanesPerGpu,
            @Schema(description = "Width of one card: the number of slot positions it covers (RTX 3090 Founders Edition: 3).", example = "3") @Positive @Max(5) Integer cardWidthSlots,
            @Schema(description = "Distance between the slots the cards sit in, a number of slot positions (2 = every other slot).", example = "2") @Positive @Max(10) Integer slotSpacing,
            @Schema(description = "open-air, blower or water.", example = "open-air", enumeration = {"open-air", "blower", "water"})
            @Pattern(regexp = "open-air|blower|water", message = "must be open-air, blower or water") String cooling) {

        WorkstationReview.Cooling coolingKind() {
            return cooling == null ? WorkstationReview.Cooling.OPEN_AIR : WorkstationReview.Cooling.valueOf(cooling.toUpperCase().replace('-', '_'));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WorkstationFinding")
    public record Finding(
            @Schema(example = "psu") String check,
            @Schema(enumeration = {"ok", "warning", "problem", "not-checked"}) String status,
            @Schema(description = "The build's value for this check, in `unit` (e.g. watts, cores per GPU, bytes, lanes).") Double measured,
            @Schema(description = "What the rule asks for, in `unit` (e.g. watts, cores per GPU, bytes, lanes).") Double required,
            String unit, String message,
            @Schema(description = "What to change; absent when nothing needs to.") String advice,
            @Schema(description = "Where the rule comes from.") String source) {
    }

    @Schema(name = "WorkstationReview")
    public record Response(
            @Schema(description = "Worst status over the findings.", enumeration = {"ok", "warning", "problem"}) String status,
            String summary, String acceleratorId, List<Finding> findings) {
    }

    static String slug(Enum<?> value) {
        return value.name().toLowerCase().replace('_', '-');
    }
}
