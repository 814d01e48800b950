-- Integration keys (issue 16): an API key with chosen scopes. A POS key keeps scopes null and its fixed actions.
alter table api_key add column scopes text[];
