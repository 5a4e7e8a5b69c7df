package io.cameltelemetry.dcs;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Enum-typed options accept the spellings users and DCS write, on endpoints and on the component. */
class DcsOptionsTest {

    @Test
    void endpointOptionsTakeTheDocumentedSpellings() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            DcsEndpoint endpoint = context.getEndpoint("dcs:readings?baseUrl=http://127.0.0.1:1/DCS&username=u&password=p"
                    + "&apiVersion=legacy&integrationPeriod=halfHour&source=merged",
                    DcsEndpoint.class);
            assertEquals(DcsApiVersion.LEGACY, endpoint.getConfiguration().getApiVersion());
            assertEquals(DcsPeriodType.HALF_HOUR, endpoint.getConfiguration().getIntegrationPeriod());
            assertEquals(DcsSource.MERGED, endpoint.getConfiguration().getSource());
            DcsEndpoint pub = context.getEndpoint("dcs:readings?baseUrl=http://127.0.0.1:1/DCSWebApi&format=complete"
                    + "&periodType=week", DcsEndpoint.class);
            assertEquals(DcsFormat.COMPLETE, pub.getConfiguration().getFormat());
            assertEquals(DcsPeriodType.WEEK, pub.getConfiguration().getPeriodType());
        }
    }

    @Test
    void componentOptionsFromPropertiesTakeTheSameSpellings() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            DcsComponent component = context.getComponent("dcs", DcsComponent.class);
            Map<String, Object> props = new HashMap<>(Map.of("apiVersion", "legacy", "periodType", "halfHour",
                    "format", "standard"));
            PropertyBindingSupport.build().withCamelContext(context).withTarget(component).withProperties(props)
                    .withConfigurer(PluginHelper.getConfigurerResolver(context)
                            .resolvePropertyConfigurer("dcs-component", context))
                    .bind();
            assertEquals(DcsApiVersion.LEGACY, component.getConfiguration().getApiVersion());
            assertEquals(DcsPeriodType.HALF_HOUR, component.getConfiguration().getPeriodType());
            assertEquals(DcsFormat.STANDARD, component.getConfiguration().getFormat());
        }
    }

    @Test
    void aBadEnumValueNamesTheOption() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exception e = assertThrows(Exception.class,
                    () -> context.getEndpoint("dcs:readings?baseUrl=http://127.0.0.1:1/DCSWebApi&periodType=fortnight"));
            DcsValidationException cause = (DcsValidationException) ObjectHelper
                    .getException(DcsValidationException.class, e);
            assertEquals("periodType", cause.getField());
            assertEquals("'fortnight' (String)", cause.getValue());
        }
    }
}
