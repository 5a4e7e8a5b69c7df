package io.cameltelemetry.archfx;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic REST producer: URLs, query, methods, bodies, pages and errors on the wire. */
class ArchFxApiTest extends ArchFxTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:devices").to(archfx("api", "resource=device&paginate=true&streaming=true"))
                        .split(body()).streaming().to("mock:device");
            }
        };
    }

    private void stubJson(String url, int status, String body) {
        wireMock.stubFor(any(urlEqualTo(url)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void resourcesIdsQueriesMethodsAndBodiesOnTheWire() throws Exception {
        stubLogin("T1", null);
        stubJson("/api/v1/machine/m--0000-0001/devices/", 200, "[{\"slug\": \"d--0000-0000-0000-0abc\"}]");
        stubJson("/api/v1/org/0/", 200, "{\"slug\": \"zero\"}");
        stubJson("/api/v1/org/a%20b%2Fc/", 200, "{}");
        stubJson("/api/v1/org/?page=2&name__icontains=a+b&flag=True", 200, "{\"results\": []}");
        stubJson("/api/v1/org/acme/", 200, "{\"name\": \"Acme\"}");
        List<?> devices = template.requestBody(archfx("api", "resource=machine/m--0000-0001/devices"), null, List.class);
        assertEquals("d--0000-0000-0000-0abc", ((Map<?, ?>) devices.get(0)).get("slug"));
        assertEquals("zero", template.requestBody(archfx("api", "resource=org&id=0"), null, Map.class).get("slug"),
                "0 is a real id");
        template.requestBodyAndHeader(archfx("api", "resource=org"), null, ArchFxConstants.ID, "a b/c");
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page", 2);
        query.put("name__icontains", "a b");
        query.put("skip", null);
        query.put("flag", true);
        template.requestBodyAndHeader(archfx("api", "resource=org"), null, ArchFxConstants.QUERY, query);
        Exchange patched = template.send(archfx("api", "resource=org&id=acme&method=PATCH"), e -> e.getIn().setBody(
                Map.of("name", "Acme")));
        assertEquals(200, patched.getMessage().getHeader(ArchFxConstants.STATUS));
        var patch = requests("/api/v1/org/acme/").get(0);
        assertEquals("PATCH", patch.getMethod().getName());
        assertEquals("{\"name\":\"Acme\"}", patch.getBodyAsString());
        assertTrue(patch.getHeader("Content-Type").startsWith("application/json"));
        assertEquals("jwt T1", patch.getHeader("Authorization"));
        assertEquals(1, requests("/api/v1/org/a%20b%2Fc/").size(), "ids percent-encoded");
        assertEquals(1, requests("/api/v1/org/?page=2&name__icontains=a+b&flag=True").size(),
                "order kept, null left out, booleans as True/False");
        String raw = template.requestBody(archfx("api", "resource=org&id=acme&rawJson=true"), null, String.class);
        assertEquals("{\"name\": \"Acme\"}", raw);
        Exchange viaHeaders = template.send(archfx("api", "resource=nothing"), e -> {
            e.getIn().setHeader(ArchFxConstants.RESOURCE, "org");
            e.getIn().setHeader(ArchFxConstants.ID, "acme");
            e.getIn().setHeader(ArchFxConstants.METHOD, "DELETE");
        });
        assertEquals("DELETE", requests("/api/v1/org/acme/").get(2).getMethod().getName());
        assertNull(viaHeaders.getException());
    }

    @Test
    void paginateFollowsNextAndStreamsToTheSplitter() throws Exception {
        stubLogin("T1", null);
        String base = wireMockUrl() + "/api/v1/device/";
        stubJson("/api/v1/device/", 200, "{\"count\": 5, \"next\": \"" + base + "?page=2\", \"previous\": null, "
                + "\"results\": [{\"id\": 1}, {\"id\": 2}]}");
        stubJson("/api/v1/device/?page=2", 200, "{\"count\": 5, \"next\": \"/api/v1/device/?page=3\", \"results\": "
                + "[{\"id\": 3}, {\"id\": 4}]}");
        stubJson("/api/v1/device/?page=3", 200, "{\"count\": 5, \"next\": null, \"results\": [{\"id\": 5}]}");
        List<?> all = template.requestBody(archfx("api", "resource=device&paginate=true&streaming=false"), null, List.class);
        assertEquals(5, all.size());
        MockEndpoint mock = getMockEndpoint("mock:device");
        mock.expectedMessageCount(5);
        template.sendBody("direct:devices", null);
        mock.assertIsSatisfied();
        Iterator<?> it = template.requestBody(archfx("api", "resource=device&paginate=true&streaming=true"), null,
                Iterator.class);
        List<Object> got = new ArrayList<>();
        it.forEachRemaining(got::add);
        assertEquals(5, got.size(), "pages fetched as the iterator goes");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() {
        stubLogin("T1", null);
        stubJson("/api/v1/device/", 200, "{\"count\": 3, \"next\": \"https://evil.example/api/v1/device/?page=2\", "
                + "\"results\": [{\"id\": 1}]}");
        Exchange out = template.send(archfx("api", "resource=device&paginate=true&streaming=false"), e -> {
        });
        assertTrue(out.getException().getMessage().contains("not followed"), out.getException().getMessage());
    }

    @Test
    void errorsAreArchFxExceptionsAsTheReferenceWordsThemAndOnlyTransientOnesAreRetried() {
        stubLogin("T1", null);
        Object[][] cases = { { 400, "{\"field\": [\"bad\"]}", "Client Error 400", 1 },
                { 404, "{\"detail\": \"Not found.\"}", "Client Error 404", 1 },
                { 500, "oops", "Server Error 500", 3 } };
        for (Object[] c : cases) {
            wireMock.resetRequests();
            wireMock.stubFor(get(urlPathEqualTo("/api/v1/thing/")).willReturn(aResponse().withStatus((int) c[0])
                    .withBody((String) c[1])));
            Exchange out = template.send(archfx("api", "resource=thing&maxRetries=2"), e -> {
            });
            ArchFxException e = assertInstanceOf(ArchFxException.class, out.getException());
            assertEquals((int) c[0], e.getStatusCode());
            assertTrue(e.getMessage().contains((String) c[2] + ": http://127.0.0.1"), e.getMessage());
            assertEquals(c[3], requests("/api/v1/thing/").size());
        }
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/empty/")).willReturn(aResponse().withStatus(204)));
        Exchange out = template.send(archfx("api", "resource=empty"), e -> e.getIn().setBody("x"));
        assertNull(out.getMessage().getBody());
        assertEquals(204, out.getMessage().getHeader(ArchFxConstants.STATUS));
        out = template.send(archfx("api", "resource=x"), e -> e.getIn().setHeader(ArchFxConstants.METHOD, "TRACE"));
        assertEquals("method", assertInstanceOf(ArchFxValidationException.class, out.getException()).getField());
        Exception bad = Assertions.assertThrows(Exception.class,
                () -> context.getEndpoint(archfx("api", "resource=x&method=TRACE")));
        assertTrue(ObjectHelper.getException(ArchFxValidationException.class, bad) != null);
    }
}
