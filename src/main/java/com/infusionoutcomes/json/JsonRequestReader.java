package com.infusionoutcomes.json;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads every JSON request body of the API through {@link RequestBodies}, so each is answered with all of its
 * mistakes at once. Text that is not JSON fails while the tree is parsed, with the line and column.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@Priority(Priorities.USER)
public class JsonRequestReader implements MessageBodyReader<Object> {

    private final ObjectMapper mapper;
    private final RequestBodies bodies;

    JsonRequestReader(ObjectMapper mapper, RequestBodies bodies) {
        this.mapper = mapper;
        this.bodies = bodies;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return RequestBodies.isOwnRecord(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        // Decimals stay exact in the tree: 1e400 or 0.1 must reach the checks as written, not as a double.
        JsonNode tree = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(body);
        if (tree == null || tree.isMissingNode()) {
            return null; // no body: the operation's @NotNull names it
        }
        return bodies.read(tree, type, "").orThrow();
    }
}
