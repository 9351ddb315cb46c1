// Small builders the path files share: a component reference, a JSON body, an answer.

/** A reference to a component schema of the document. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON body of the given schema. */
export const json = (schema: unknown) => ({ 'application/json': { schema } });

/** A response with a JSON body (a free-form status object unless given a schema). */
export const answer = (description: string, schema: unknown = ref('Status')) => ({
  description,
  content: json(schema),
});

/** An error response: `{"error": "..."}`. */
export const error = (description: string) => answer(description, ref('Error'));
