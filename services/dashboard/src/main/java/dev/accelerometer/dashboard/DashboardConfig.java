package dev.accelerometer.dashboard;

import io.smallrye.config.ConfigMapping;

/** The dashboard's own settings. */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {
    /** Base URLs of the APIs as the browser reaches them (not necessarily as the services reach each other). */
    Apis apis();

    interface Apis {
        String catalog();

        String costing();

        String planner();

        String quantization();
    }
}
