package io.cameltelemetry.dcs.model;

import java.io.Serializable;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A DCS meter with its registers. Unknown properties are ignored; {@code mpn}, {@code service} may be null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DcsMeter(long id, String connectionMethod, String deviceId, String name, String meterType,
        String remoteAddress, String serialNumber, String mpn, String service, String status,
        List<DcsRegister> registers) implements Serializable {

    public DcsMeter {
        registers = registers == null ? List.of() : List.copyOf(registers);
    }
}
