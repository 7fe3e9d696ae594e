// GENERATED — do not edit; run npm run schemas:types
// Source: schemas/*.schema.json and schemas/steps/*.schema.json

import type { JsonSchemaDocument } from '../src/json-schema';

export const STEP_TYPE_IDS = ["message","menu","input","hours","queue-group","redirect","voicemail","callback","sms","forbidden-transfer","filter","split","variable","http-request","condition","hangup"] as const;

export const commonSchema: JsonSchemaDocument = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://relais.dev/schemas/common.schema.json",
  "title": "Relais common definitions",
  "description": "Types shared by the flow document and the step configurations.",
  "$defs": {
    "objectId": {
      "type": "string",
      "minLength": 1,
      "maxLength": 64,
      "pattern": "^[A-Za-z0-9_-]+$",
      "description": "Identifier of an organisation object."
    },
    "soundId": {
      "$ref": "#/$defs/objectId",
      "x-reference": "sounds",
      "description": "An uploaded sound of the organisation."
    },
    "groupId": {
      "$ref": "#/$defs/objectId",
      "x-reference": "groups",
      "description": "A queue group of the organisation."
    },
    "calendarId": {
      "$ref": "#/$defs/objectId",
      "x-reference": "calendars",
      "description": "A business-hours calendar of the organisation."
    },
    "numberId": {
      "$ref": "#/$defs/objectId",
      "x-reference": "numbers",
      "description": "A phone number of the organisation."
    },
    "flowId": {
      "$ref": "#/$defs/objectId",
      "x-reference": "flows",
      "description": "Another flow of the organisation."
    },
    "agentId": {
      "$ref": "#/$defs/objectId",
      "x-reference": "agents",
      "description": "An agent of the organisation."
    },
    "forbiddenListId": {
      "$ref": "#/$defs/objectId",
      "x-reference": "forbiddenLists",
      "description": "A forbidden-destination list of the organisation."
    },
    "language": {
      "type": "string",
      "enum": [
        "fr",
        "en"
      ],
      "description": "Call language."
    },
    "e164": {
      "type": "string",
      "pattern": "^\\+[1-9][0-9]{1,14}$",
      "description": "Phone number in E.164 form, e.g. +33123456789."
    },
    "dialledNumber": {
      "type": "string",
      "maxLength": 32,
      "pattern": "^\\+?[0-9][0-9 .()/-]*[0-9]$",
      "description": "A number to dial: E.164 (+33123456789) or as written (+33 (0)1 23 45 67 89, 01 23 45 67 89, 0033…); dialled and judged in its canonical E.164 form (flow-runtime/numbers)."
    },
    "numberPattern": {
      "type": "string",
      "pattern": "^\\+?[0-9]{1,15}\\*?$",
      "description": "A number (+33612345678) or a prefix ending in * (+3389*)."
    },
    "dtmfKey": {
      "type": "string",
      "enum": [
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "*",
        "#"
      ],
      "description": "A telephone keypad key."
    },
    "variableName": {
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$",
      "description": "Call variable name: letters, digits and _, not starting with a digit."
    },
    "outputId": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]{1,40}$",
      "description": "Name of a node output, used by edges (`sourceOutput`)."
    },
    "expression": {
      "type": "string",
      "minLength": 1,
      "maxLength": 2000,
      "x-expression": true,
      "description": "Expression in the safe expression language: variables, literals, + - * / %, comparisons, && || !, ?:, and whitelisted functions; never evaluated with eval."
    },
    "template": {
      "type": "string",
      "maxLength": 20000,
      "x-template": true,
      "description": "Text where {{expression}} is replaced by its value at call time, e.g. {{caller}}."
    },
    "ttsText": {
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "description": "Text to speak per call language; a missing language falls back to the flow's default language.",
      "properties": {
        "fr": {
          "$ref": "#/$defs/template",
          "minLength": 1,
          "maxLength": 2000
        },
        "en": {
          "$ref": "#/$defs/template",
          "minLength": 1,
          "maxLength": 2000
        }
      }
    },
    "prompt": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind"
      ],
      "description": "What the caller hears: an uploaded sound, or text-to-speech per language.",
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "sound",
            "tts"
          ],
          "description": "sound: uploaded sound; tts: text-to-speech."
        },
        "soundId": {
          "$ref": "#/$defs/soundId"
        },
        "text": {
          "$ref": "#/$defs/ttsText"
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "kind": {
                "const": "sound"
              }
            }
          },
          "then": {
            "required": [
              "soundId"
            ]
          }
        },
        {
          "if": {
            "properties": {
              "kind": {
                "const": "tts"
              }
            }
          },
          "then": {
            "required": [
              "text"
            ]
          }
        }
      ]
    }
  }
};

export const flowSchema: JsonSchemaDocument = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://relais.dev/schemas/flow.schema.json",
  "title": "Flow",
  "description": "One version of a call flow: metadata, an entry node, nodes (steps) and edges (node output → node).",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "schemaVersion",
    "name",
    "entry",
    "nodes",
    "edges"
  ],
  "properties": {
    "schemaVersion": {
      "const": 1,
      "description": "Version of this format."
    },
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 120
    },
    "description": {
      "type": "string",
      "maxLength": 2000
    },
    "language": {
      "$ref": "common.schema.json#/$defs/language",
      "default": "fr",
      "description": "Default call language (prompts fall back to it)."
    },
    "entry": {
      "$ref": "#/$defs/nodeId",
      "description": "Id of the first node."
    },
    "settings": {
      "$ref": "#/$defs/settings"
    },
    "nodes": {
      "type": "array",
      "minItems": 1,
      "maxItems": 5000,
      "items": {
        "$ref": "#/$defs/node"
      }
    },
    "edges": {
      "type": "array",
      "maxItems": 20000,
      "items": {
        "$ref": "#/$defs/edge"
      }
    },
    "tests": {
      "type": "array",
      "maxItems": 200,
      "description": "Test calls saved with the flow (the simulator): each runs before publishing and after every save.",
      "items": {
        "$ref": "#/$defs/testCase"
      }
    }
  },
  "$defs": {
    "nodeId": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]{1,64}$",
      "description": "Node id, unique in the flow."
    },
    "settings": {
      "type": "object",
      "additionalProperties": false,
      "description": "Runtime settings of the flow.",
      "properties": {
        "maxSteps": {
          "type": "integer",
          "minimum": 10,
          "maximum": 100000,
          "default": 1000,
          "description": "Steps a call may take before the loop guard ends it."
        },
        "maxStepsNode": {
          "$ref": "#/$defs/nodeId",
          "description": "Optional node the loop guard jumps to (e.g. a hangup with an apology) instead of hanging up at once."
        }
      }
    },
    "position": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "x",
        "y"
      ],
      "properties": {
        "x": {
          "type": "number"
        },
        "y": {
          "type": "number"
        }
      }
    },
    "node": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "type",
        "position",
        "config"
      ],
      "properties": {
        "id": {
          "$ref": "#/$defs/nodeId"
        },
        "type": {
          "type": "string",
          "enum": [
            "message",
            "menu",
            "input",
            "hours",
            "queue-group",
            "redirect",
            "voicemail",
            "callback",
            "sms",
            "forbidden-transfer",
            "filter",
            "split",
            "variable",
            "http-request",
            "condition",
            "hangup"
          ],
          "description": "Step type id."
        },
        "position": {
          "$ref": "#/$defs/position"
        },
        "label": {
          "type": "string",
          "maxLength": 120,
          "description": "Name shown on the canvas and in call paths."
        },
        "config": {
          "type": "object",
          "description": "Step configuration, validated by the step type's schema."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "type": {
                "const": "message"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/message.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "menu"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/menu.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "input"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/input.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "hours"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/hours.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "queue-group"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/queue-group.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "redirect"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/redirect.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "voicemail"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/voicemail.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "callback"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/callback.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "sms"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/sms.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "forbidden-transfer"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/forbidden-transfer.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "filter"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/filter.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "split"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/split.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "variable"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/variable.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "http-request"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/http-request.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "condition"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/condition.schema.json"
              }
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "hangup"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "config": {
                "$ref": "steps/hangup.schema.json"
              }
            }
          }
        }
      ]
    },
    "edge": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "source",
        "sourceOutput",
        "target"
      ],
      "properties": {
        "id": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_:.-]{1,128}$"
        },
        "source": {
          "$ref": "#/$defs/nodeId"
        },
        "sourceOutput": {
          "$ref": "common.schema.json#/$defs/outputId"
        },
        "target": {
          "$ref": "#/$defs/nodeId"
        }
      }
    },
    "testCase": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "name",
        "input",
        "expect"
      ],
      "description": "A saved test call: what the caller does and what the call must do.",
      "properties": {
        "id": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_-]{1,64}$",
          "description": "Case id, unique in the flow."
        },
        "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": 120
        },
        "input": {
          "$ref": "#/$defs/testInput"
        },
        "expect": {
          "$ref": "#/$defs/testExpect"
        }
      }
    },
    "testInput": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "caller",
        "called",
        "at",
        "actions"
      ],
      "description": "The simulated call: who calls, when, who answers, what the caller does.",
      "properties": {
        "caller": {
          "type": [
            "string",
            "null"
          ],
          "maxLength": 32,
          "description": "Caller's number (E.164 or national); null: hidden."
        },
        "called": {
          "type": "string",
          "maxLength": 32,
          "description": "Number called (E.164)."
        },
        "at": {
          "type": "string",
          "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$",
          "description": "Local date and time of the call, YYYY-MM-DDTHH:mm."
        },
        "timezone": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64,
          "description": "IANA time zone of at; default: the organisation's."
        },
        "language": {
          "$ref": "common.schema.json#/$defs/language"
        },
        "agents": {
          "type": "object",
          "maxProperties": 500,
          "description": "Agents' presence overrides by agent id.",
          "additionalProperties": {
            "type": "string",
            "enum": [
              "available",
              "busy",
              "paused",
              "offline"
            ]
          }
        },
        "answer": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64,
          "description": "Who picks up: first, nobody, or an agent id."
        },
        "talkSeconds": {
          "type": "integer",
          "minimum": 0,
          "maximum": 86400
        },
        "actions": {
          "type": "array",
          "maxItems": 500,
          "items": {
            "$ref": "#/$defs/testAction"
          }
        },
        "http": {
          "type": "array",
          "maxItems": 100,
          "items": {
            "$ref": "#/$defs/testHttpAnswer"
          }
        },
        "seed": {
          "type": "integer",
          "minimum": -2147483648,
          "maximum": 4294967295
        }
      }
    },
    "testAction": {
      "description": "What the caller does when the call waits: keys, silence or hang-up.",
      "oneOf": [
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "kind",
            "digits"
          ],
          "properties": {
            "kind": {
              "const": "dtmf"
            },
            "digits": {
              "type": "string",
              "pattern": "^[0-9*#A-Da-d]{1,64}$"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "kind"
          ],
          "properties": {
            "kind": {
              "const": "silence"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "kind"
          ],
          "properties": {
            "kind": {
              "const": "hangup"
            }
          }
        }
      ]
    },
    "testHttpAnswer": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "nodeId"
      ],
      "description": "A typed answer of an HTTP request step: a status and body, or a transport error.",
      "properties": {
        "nodeId": {
          "$ref": "#/$defs/nodeId"
        },
        "status": {
          "type": "integer",
          "minimum": 100,
          "maximum": 599
        },
        "body": {
          "type": "string",
          "maxLength": 65536
        },
        "error": {
          "type": "string",
          "enum": [
            "network",
            "timeout",
            "refused"
          ]
        }
      }
    },
    "testExpect": {
      "type": "object",
      "additionalProperties": false,
      "description": "What the call must do; only the fields given are compared.",
      "properties": {
        "endNodeId": {
          "type": [
            "string",
            "null"
          ],
          "maxLength": 200,
          "description": "Node the call ends at."
        },
        "outcome": {
          "type": [
            "string",
            "null"
          ],
          "enum": [
            "abandoned",
            "cancelled",
            "no_answer",
            "busy",
            "answered",
            null
          ],
          "description": "Call outcome as stored."
        },
        "visited": {
          "type": "array",
          "maxItems": 1000,
          "items": {
            "type": "string",
            "maxLength": 200
          },
          "description": "Nodes entered, in order."
        },
        "variables": {
          "type": "object",
          "maxProperties": 200,
          "description": "Variables and their final values."
        }
      }
    }
  }
};

export const stepSchemas: Record<(typeof STEP_TYPE_IDS)[number], JsonSchemaDocument> = {
  "message": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/message.schema.json",
    "title": "Message",
    "description": "Plays a prompt (uploaded sound or text-to-speech in the call language), then continues.",
    "x-title-fr": "Message",
    "x-description-fr": "Diffuse un message (son importé ou synthèse vocale dans la langue de l’appel), puis continue.",
    "x-category": "prompts",
    "x-outputs": {
      "static": [
        {
          "id": "next",
          "label": {
            "en": "Next",
            "fr": "Suite"
          },
          "required": false
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "prompt"
    ],
    "properties": {
      "prompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "What the caller hears."
      }
    }
  },
  "menu": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/menu.schema.json",
    "title": "Menu",
    "description": "Plays a prompt and collects one key (0-9, *, #); one output per configured key. Retries with their own prompts, then leaves by timeout or invalid.",
    "x-title-fr": "Menu",
    "x-description-fr": "Diffuse un message et attend une touche (0-9, *, #) ; une sortie par touche configurée. Nouvelles tentatives avec leurs propres messages, puis sortie « sans saisie » ou « touche invalide ».",
    "x-category": "prompts",
    "x-outputs": {
      "dynamic": {
        "from": "/keys",
        "idField": "key",
        "labelField": "label",
        "required": false
      },
      "static": [
        {
          "id": "timeout",
          "label": {
            "en": "No input",
            "fr": "Sans saisie"
          },
          "required": false
        },
        {
          "id": "invalid",
          "label": {
            "en": "Invalid key",
            "fr": "Touche invalide"
          },
          "required": false,
          "fallback": "timeout"
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "prompt",
      "keys"
    ],
    "properties": {
      "prompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Menu prompt, e.g. \"For sales press 1\"."
      },
      "keys": {
        "type": "array",
        "minItems": 1,
        "maxItems": 12,
        "description": "Keys that lead somewhere; each becomes an output named after the key.",
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "key"
          ],
          "properties": {
            "key": {
              "$ref": "../common.schema.json#/$defs/dtmfKey"
            },
            "label": {
              "type": "string",
              "maxLength": 80,
              "description": "What the key does, shown on the canvas (e.g. \"Sales\")."
            }
          }
        }
      },
      "timeoutSeconds": {
        "type": "integer",
        "minimum": 1,
        "maximum": 60,
        "default": 5,
        "description": "Seconds to wait for a key after the prompt has finished."
      },
      "retries": {
        "type": "integer",
        "minimum": 0,
        "maximum": 5,
        "default": 2,
        "description": "Extra attempts after a timeout or an invalid key before leaving by `timeout` / `invalid`."
      },
      "noInputPrompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Played before a retry when no key was pressed (default: the menu prompt again)."
      },
      "invalidPrompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Played before a retry when an unconfigured key was pressed."
      },
      "bargeIn": {
        "type": "boolean",
        "default": true,
        "description": "A key pressed while the prompt plays is taken at once."
      }
    }
  },
  "input": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/input.schema.json",
    "title": "Digit input",
    "description": "Collects several digits into a variable (length, terminator key, pattern, timeouts, retries).",
    "x-title-fr": "Saisie",
    "x-description-fr": "Recueille plusieurs chiffres dans une variable (longueur, touche de fin, format, délais, nouvelles tentatives).",
    "x-category": "prompts",
    "x-outputs": {
      "static": [
        {
          "id": "ok",
          "label": {
            "en": "Valid",
            "fr": "Valide"
          },
          "required": true
        },
        {
          "id": "invalid",
          "label": {
            "en": "Invalid",
            "fr": "Invalide"
          },
          "required": false,
          "fallback": "timeout"
        },
        {
          "id": "timeout",
          "label": {
            "en": "No input",
            "fr": "Sans saisie"
          },
          "required": false
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "prompt",
      "variable"
    ],
    "properties": {
      "prompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Asks for the digits."
      },
      "variable": {
        "$ref": "../common.schema.json#/$defs/variableName",
        "description": "Variable that receives the digits (without the terminator)."
      },
      "minLength": {
        "type": "integer",
        "minimum": 1,
        "maximum": 32,
        "default": 1,
        "description": "Minimum number of digits."
      },
      "maxLength": {
        "type": "integer",
        "minimum": 1,
        "maximum": 32,
        "default": 10,
        "description": "Maximum number of digits; input ends as soon as it is reached."
      },
      "terminator": {
        "type": "string",
        "enum": [
          "#",
          "*",
          "none"
        ],
        "default": "#",
        "description": "Key that ends the input early (not stored)."
      },
      "firstDigitTimeoutSeconds": {
        "type": "integer",
        "minimum": 1,
        "maximum": 60,
        "default": 10,
        "description": "Seconds to wait for the first digit after the prompt."
      },
      "interDigitTimeoutSeconds": {
        "type": "integer",
        "minimum": 1,
        "maximum": 30,
        "default": 5,
        "description": "Seconds to wait between digits; when it elapses the input ends."
      },
      "pattern": {
        "type": "string",
        "format": "regex",
        "maxLength": 200,
        "description": "Optional regular expression the whole input must match (e.g. ^0[1-9][0-9]{8}$)."
      },
      "retries": {
        "type": "integer",
        "minimum": 0,
        "maximum": 5,
        "default": 2,
        "description": "Extra attempts after a timeout or invalid input."
      },
      "noInputPrompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Played before a retry when nothing was typed."
      },
      "invalidPrompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Played before a retry when the input is too short/long or does not match the pattern."
      },
      "bargeIn": {
        "type": "boolean",
        "default": true,
        "description": "Digits typed during the prompt count."
      },
      "sensitive": {
        "type": "boolean",
        "default": false,
        "description": "Mask the digits in the call path, logs and events (e.g. card numbers)."
      }
    }
  },
  "hours": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/hours.schema.json",
    "title": "Business hours",
    "description": "Routes by a business-hours calendar evaluated at call time in its time zone: weekly ranges, dated exceptions and public holidays.",
    "x-title-fr": "Horaires",
    "x-description-fr": "Oriente selon un calendrier d’horaires évalué au moment de l’appel dans son fuseau horaire : plages hebdomadaires, exceptions datées et jours fériés.",
    "x-category": "routing",
    "x-outputs": {
      "static": [
        {
          "id": "open",
          "label": {
            "en": "Open",
            "fr": "Ouvert"
          },
          "required": true
        },
        {
          "id": "closed",
          "label": {
            "en": "Closed",
            "fr": "Fermé"
          },
          "required": true
        },
        {
          "id": "holiday",
          "label": {
            "en": "Holiday",
            "fr": "Jour férié"
          },
          "required": false,
          "fallback": "closed"
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "calendarId"
    ],
    "properties": {
      "calendarId": {
        "$ref": "../common.schema.json#/$defs/calendarId",
        "description": "Business-hours calendar to evaluate."
      }
    }
  },
  "queue-group": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/queue-group.schema.json",
    "title": "Queue group",
    "description": "Rings a group of agents (simultaneous, cascade) or holds the caller in a queue until an agent is free. An answered call is bridged and the flow ends there.",
    "x-title-fr": "Groupe",
    "x-description-fr": "Fait sonner un groupe d’agents (simultané, cascade) ou met l’appelant en file d’attente jusqu’à ce qu’un agent soit libre. Un appel répondu est mis en relation et le flux s’arrête là.",
    "x-category": "routing",
    "x-outputs": {
      "static": [
        {
          "id": "no_answer",
          "label": {
            "en": "No answer",
            "fr": "Non répondu"
          },
          "required": true
        },
        {
          "id": "busy",
          "label": {
            "en": "All busy",
            "fr": "Occupé"
          },
          "required": false,
          "fallback": "no_answer"
        },
        {
          "id": "timeout",
          "label": {
            "en": "Wait too long",
            "fr": "Attente dépassée"
          },
          "required": false,
          "fallback": "no_answer"
        },
        {
          "id": "full",
          "label": {
            "en": "Queue full",
            "fr": "File pleine"
          },
          "required": false,
          "fallback": "no_answer"
        },
        {
          "id": "unavailable",
          "label": {
            "en": "Nobody available",
            "fr": "Personne disponible"
          },
          "required": false,
          "fallback": "no_answer"
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "groupId"
    ],
    "properties": {
      "groupId": {
        "$ref": "../common.schema.json#/$defs/groupId",
        "description": "Group whose members are rung."
      },
      "strategy": {
        "type": "string",
        "enum": [
          "simultaneous",
          "cascade",
          "queue"
        ],
        "default": "simultaneous",
        "description": "simultaneous: all available members ring, first to answer wins; cascade: members one after the other in group order; queue: wait with hold music, first come first served, longest waiting caller to the next free agent."
      },
      "ringTimeSeconds": {
        "type": "integer",
        "minimum": 5,
        "maximum": 300,
        "default": 20,
        "description": "Ring time per attempt: per member in cascade (a member's own ring time in the group overrides it), for all members in simultaneous, per offered agent in queue."
      },
      "skipBusy": {
        "type": "boolean",
        "default": true,
        "description": "Skip members who are busy or unavailable instead of ringing them."
      },
      "cascadeRounds": {
        "type": "integer",
        "minimum": 1,
        "maximum": 10,
        "default": 1,
        "description": "Cascade only: how many times the member list is tried."
      },
      "holdMusicSoundId": {
        "$ref": "../common.schema.json#/$defs/soundId",
        "description": "Music while the caller waits (default: the organisation's hold music)."
      },
      "announcePosition": {
        "type": "boolean",
        "default": true,
        "description": "Queue only: tell the caller their position in the queue."
      },
      "announceIntervalSeconds": {
        "type": "integer",
        "minimum": 15,
        "maximum": 600,
        "default": 60,
        "description": "Queue only: seconds between position announcements."
      },
      "maxWaitSeconds": {
        "type": "integer",
        "minimum": 10,
        "maximum": 7200,
        "default": 300,
        "description": "Longest time the caller stays in this step before leaving by `timeout`."
      },
      "maxQueueSize": {
        "type": "integer",
        "minimum": 1,
        "maximum": 1000,
        "default": 20,
        "description": "Queue only: callers already waiting beyond which a new caller leaves by `full`."
      }
    }
  },
  "redirect": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/redirect.schema.json",
    "title": "Redirect",
    "description": "Sends the call to an agent, a group (all available members at once), another flow, or an external number (checked against the call's transfer policy).",
    "x-title-fr": "Redirection",
    "x-description-fr": "Envoie l’appel vers un agent, un groupe (tous les membres disponibles en même temps), un autre flux ou un numéro externe (contrôlé par la politique de transfert de l’appel).",
    "x-category": "routing",
    "x-outputs": {
      "static": [
        {
          "id": "no_answer",
          "label": {
            "en": "No answer",
            "fr": "Non répondu"
          },
          "required": true,
          "when": {
            "pointer": "/target/kind",
            "in": [
              "agent",
              "group",
              "external"
            ]
          }
        },
        {
          "id": "busy",
          "label": {
            "en": "Busy",
            "fr": "Occupé"
          },
          "required": false,
          "fallback": "no_answer",
          "when": {
            "pointer": "/target/kind",
            "in": [
              "agent",
              "group",
              "external"
            ]
          }
        },
        {
          "id": "failed",
          "label": {
            "en": "Failed",
            "fr": "Échec"
          },
          "required": false,
          "fallback": "no_answer"
        },
        {
          "id": "forbidden",
          "label": {
            "en": "Forbidden",
            "fr": "Interdit"
          },
          "required": false,
          "fallback": "failed",
          "when": {
            "pointer": "/target/kind",
            "in": [
              "external"
            ]
          }
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "target"
    ],
    "properties": {
      "target": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "kind"
        ],
        "description": "Where the call goes.",
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "agent",
              "group",
              "flow",
              "external"
            ],
            "description": "agent, group, flow or external number."
          },
          "agentId": {
            "$ref": "../common.schema.json#/$defs/agentId"
          },
          "groupId": {
            "$ref": "../common.schema.json#/$defs/groupId"
          },
          "flowId": {
            "$ref": "../common.schema.json#/$defs/flowId"
          },
          "number": {
            "$ref": "../common.schema.json#/$defs/dialledNumber",
            "description": "External number, E.164 (+33123456789) or as written (01 23 45 67 89); dialled in E.164."
          }
        },
        "allOf": [
          {
            "if": {
              "properties": {
                "kind": {
                  "const": "agent"
                }
              }
            },
            "then": {
              "required": [
                "agentId"
              ]
            }
          },
          {
            "if": {
              "properties": {
                "kind": {
                  "const": "group"
                }
              }
            },
            "then": {
              "required": [
                "groupId"
              ]
            }
          },
          {
            "if": {
              "properties": {
                "kind": {
                  "const": "flow"
                }
              }
            },
            "then": {
              "required": [
                "flowId"
              ]
            }
          },
          {
            "if": {
              "properties": {
                "kind": {
                  "const": "external"
                }
              }
            },
            "then": {
              "required": [
                "number"
              ]
            }
          }
        ]
      },
      "ringTimeoutSeconds": {
        "type": "integer",
        "minimum": 5,
        "maximum": 300,
        "default": 30,
        "description": "How long the target rings before `no_answer`."
      }
    }
  },
  "voicemail": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/voicemail.schema.json",
    "title": "Voicemail",
    "description": "Greeting, beep, then records the caller to an agent's or a group's mailbox until a key, silence or the maximum length.",
    "x-title-fr": "Messagerie",
    "x-description-fr": "Annonce, bip, puis enregistre l’appelant dans la messagerie d’un agent ou d’un groupe jusqu’à une touche, un silence ou la durée maximale.",
    "x-category": "actions",
    "x-outputs": {
      "static": [
        {
          "id": "next",
          "label": {
            "en": "Next",
            "fr": "Suite"
          },
          "required": true,
          "when": {
            "pointer": "/afterRecording",
            "in": [
              "next"
            ]
          }
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "mailbox"
    ],
    "properties": {
      "greeting": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Played before the beep."
      },
      "beep": {
        "type": "boolean",
        "default": true,
        "description": "Play a beep before recording."
      },
      "mailbox": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "kind"
        ],
        "description": "Whose mailbox receives the recording.",
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "agent",
              "group"
            ],
            "description": "agent or group mailbox."
          },
          "agentId": {
            "$ref": "../common.schema.json#/$defs/agentId"
          },
          "groupId": {
            "$ref": "../common.schema.json#/$defs/groupId"
          }
        },
        "allOf": [
          {
            "if": {
              "properties": {
                "kind": {
                  "const": "agent"
                }
              }
            },
            "then": {
              "required": [
                "agentId"
              ]
            }
          },
          {
            "if": {
              "properties": {
                "kind": {
                  "const": "group"
                }
              }
            },
            "then": {
              "required": [
                "groupId"
              ]
            }
          }
        ]
      },
      "maxLengthSeconds": {
        "type": "integer",
        "minimum": 5,
        "maximum": 600,
        "default": 120,
        "description": "Longest recording."
      },
      "finishKey": {
        "type": "string",
        "enum": [
          "#",
          "*",
          "any",
          "none"
        ],
        "default": "#",
        "description": "Key that ends the recording."
      },
      "silenceSeconds": {
        "type": "integer",
        "minimum": 2,
        "maximum": 30,
        "default": 5,
        "description": "Seconds of silence that end the recording."
      },
      "afterRecording": {
        "type": "string",
        "enum": [
          "hangup",
          "next"
        ],
        "default": "hangup",
        "description": "hangup: thank and hang up; next: continue by the `next` output."
      }
    }
  },
  "callback": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/callback.schema.json",
    "title": "Callback",
    "description": "Records a callback request for a group (caller's number or a typed one, read back for confirmation); the earliest callback time is the next opening of a calendar.",
    "x-title-fr": "Rappel",
    "x-description-fr": "Enregistre une demande de rappel pour un groupe (numéro de l’appelant ou saisi, relu pour confirmation) ; le rappel a lieu au plus tôt à la prochaine ouverture d’un calendrier.",
    "x-category": "actions",
    "x-outputs": {
      "static": [
        {
          "id": "registered",
          "label": {
            "en": "Registered",
            "fr": "Enregistré"
          },
          "required": false
        },
        {
          "id": "failed",
          "label": {
            "en": "Failed",
            "fr": "Échec"
          },
          "required": false
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "groupId"
    ],
    "properties": {
      "numberSource": {
        "type": "string",
        "enum": [
          "caller",
          "typed"
        ],
        "default": "caller",
        "description": "caller: the caller's number; typed: the caller types the number to call back."
      },
      "askIfAnonymous": {
        "type": "boolean",
        "default": true,
        "description": "When the caller's number is hidden, ask them to type one instead of failing."
      },
      "numberPrompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Asks the caller to type the number (typed, or anonymous caller)."
      },
      "digitTimeoutSeconds": {
        "type": "integer",
        "minimum": 1,
        "maximum": 30,
        "default": 10,
        "description": "Seconds to wait for each digit of a typed number."
      },
      "confirmNumber": {
        "type": "boolean",
        "default": true,
        "description": "Read the number back and ask 1 to confirm, 2 to retype."
      },
      "confirmNumberPrompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Played before the number is read back, e.g. \"We will call you back on\"."
      },
      "retries": {
        "type": "integer",
        "minimum": 0,
        "maximum": 5,
        "default": 2,
        "description": "Extra attempts to type a valid number."
      },
      "groupId": {
        "$ref": "../common.schema.json#/$defs/groupId",
        "description": "Group whose agents call back."
      },
      "calendarId": {
        "$ref": "../common.schema.json#/$defs/calendarId",
        "description": "Optional: the callback is not placed before this calendar's next opening."
      },
      "confirmationPrompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Said once the request is registered."
      },
      "maxAttempts": {
        "type": "integer",
        "minimum": 1,
        "maximum": 10,
        "default": 3,
        "description": "Attempts to reach the customer when calling back."
      },
      "retryIntervalMinutes": {
        "type": "integer",
        "minimum": 1,
        "maximum": 1440,
        "default": 15,
        "description": "Minutes between callback attempts."
      }
    }
  },
  "sms": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/sms.schema.json",
    "title": "SMS",
    "description": "Sends an SMS to the caller or a fixed number; the text is a template with {{variables}}.",
    "x-title-fr": "SMS",
    "x-description-fr": "Envoie un SMS à l’appelant ou à un numéro fixe ; le texte est un modèle avec des {{variables}}.",
    "x-category": "actions",
    "x-outputs": {
      "static": [
        {
          "id": "sent",
          "label": {
            "en": "Sent",
            "fr": "Envoyé"
          },
          "required": true
        },
        {
          "id": "failed",
          "label": {
            "en": "Failed",
            "fr": "Échec"
          },
          "required": false,
          "fallback": "sent"
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "to",
      "template"
    ],
    "properties": {
      "to": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "kind"
        ],
        "description": "Recipient.",
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "caller",
              "fixed"
            ],
            "description": "caller or a fixed number."
          },
          "number": {
            "$ref": "../common.schema.json#/$defs/e164",
            "description": "Fixed recipient (E.164)."
          }
        },
        "allOf": [
          {
            "if": {
              "properties": {
                "kind": {
                  "const": "fixed"
                }
              }
            },
            "then": {
              "required": [
                "number"
              ]
            }
          }
        ]
      },
      "fromNumberId": {
        "$ref": "../common.schema.json#/$defs/numberId",
        "description": "Sender number of the organisation (default: the number the call came in on)."
      },
      "template": {
        "$ref": "../common.schema.json#/$defs/template",
        "maxLength": 640,
        "minLength": 1,
        "description": "Message text; {{caller}}, {{called}} and call variables are replaced."
      }
    }
  },
  "forbidden-transfer": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/forbidden-transfer.schema.json",
    "title": "Forbidden external transfer",
    "description": "Policy step: from here on, this call may not be transferred (by the flow or by an agent) to external numbers matching the rules.",
    "x-title-fr": "Transfert interdit vers n° externes",
    "x-description-fr": "Étape de politique : à partir d’ici, l’appel ne peut plus être transféré (par le flux ou par un agent) vers les numéros externes correspondant aux règles.",
    "x-category": "routing",
    "x-outputs": {
      "static": [
        {
          "id": "next",
          "label": {
            "en": "Next",
            "fr": "Suite"
          },
          "required": true
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [],
    "properties": {
      "mode": {
        "type": "string",
        "enum": [
          "all-external",
          "lists"
        ],
        "default": "lists",
        "description": "all-external: no external number at all; lists: only those matching presets, patterns or lists."
      },
      "presets": {
        "type": "array",
        "uniqueItems": true,
        "default": [],
        "description": "Built-in number classes.",
        "items": {
          "type": "string",
          "enum": [
            "premium-rate",
            "international",
            "mobile",
            "short-codes"
          ],
          "description": "premium-rate (e.g. +338 9x), international (outside homeCountryCode), mobile, short codes."
        }
      },
      "patterns": {
        "type": "array",
        "maxItems": 500,
        "default": [],
        "description": "Numbers (+33612345678) or prefixes ending in * (+3389*).",
        "items": {
          "$ref": "../common.schema.json#/$defs/numberPattern"
        }
      },
      "forbiddenListIds": {
        "type": "array",
        "uniqueItems": true,
        "maxItems": 50,
        "default": [],
        "items": {
          "$ref": "../common.schema.json#/$defs/forbiddenListId"
        },
        "description": "Forbidden-destination lists of the organisation."
      },
      "homeCountryCode": {
        "type": "string",
        "pattern": "^[1-9][0-9]{0,2}$",
        "default": "33",
        "description": "Country calling code regarded as national by the international preset."
      }
    }
  },
  "filter": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/filter.schema.json",
    "title": "Caller filter",
    "description": "Branches on the caller's number: listed numbers/prefixes (an allow or a deny list), anonymous callers.",
    "x-title-fr": "Filtrage",
    "x-description-fr": "Oriente selon le numéro de l’appelant : numéros/préfixes listés (liste autorisée ou bloquée), appelants masqués.",
    "x-category": "routing",
    "x-outputs": {
      "static": [
        {
          "id": "match",
          "label": {
            "en": "Listed",
            "fr": "Dans la liste"
          },
          "required": true
        },
        {
          "id": "no_match",
          "label": {
            "en": "Not listed",
            "fr": "Hors liste"
          },
          "required": true
        },
        {
          "id": "anonymous",
          "label": {
            "en": "Anonymous",
            "fr": "Numéro masqué"
          },
          "required": false,
          "fallback": "no_match",
          "when": {
            "pointer": "/anonymous",
            "in": [
              "anonymous"
            ]
          }
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "patterns"
    ],
    "properties": {
      "purpose": {
        "type": "string",
        "enum": [
          "allow",
          "deny"
        ],
        "default": "deny",
        "description": "Whether the list names allowed (e.g. VIP) or denied callers; for the editor's labels only."
      },
      "patterns": {
        "type": "array",
        "minItems": 1,
        "maxItems": 2000,
        "description": "Caller numbers (+33612345678) or prefixes ending in * (+3389*).",
        "items": {
          "$ref": "../common.schema.json#/$defs/numberPattern"
        }
      },
      "anonymous": {
        "type": "string",
        "enum": [
          "anonymous",
          "match",
          "no_match"
        ],
        "default": "anonymous",
        "description": "Where hidden numbers go: their own `anonymous` output, or treated as `match` / `no_match`."
      }
    }
  },
  "split": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/split.schema.json",
    "title": "Percentage split",
    "description": "Distributes calls between branches by percentage (summing to 100).",
    "x-title-fr": "Répartition %",
    "x-description-fr": "Répartit les appels entre des branches selon des pourcentages (total 100).",
    "x-category": "logic",
    "x-outputs": {
      "dynamic": {
        "from": "/branches",
        "idField": "id",
        "labelField": "label",
        "required": true
      },
      "static": []
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "branches"
    ],
    "properties": {
      "branches": {
        "type": "array",
        "minItems": 2,
        "maxItems": 10,
        "description": "One output per branch.",
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "id",
            "percent"
          ],
          "properties": {
            "id": {
              "$ref": "../common.schema.json#/$defs/outputId"
            },
            "label": {
              "type": "string",
              "maxLength": 80
            },
            "percent": {
              "type": "integer",
              "minimum": 0,
              "maximum": 100,
              "description": "Share of calls, percent."
            }
          }
        }
      }
    }
  },
  "variable": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/variable.schema.json",
    "title": "Set variable",
    "description": "Sets a call variable from an expression.",
    "x-title-fr": "Variable",
    "x-description-fr": "Affecte une variable de l’appel à partir d’une expression.",
    "x-category": "logic",
    "x-outputs": {
      "static": [
        {
          "id": "next",
          "label": {
            "en": "Next",
            "fr": "Suite"
          },
          "required": true
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "name",
      "expression"
    ],
    "properties": {
      "name": {
        "$ref": "../common.schema.json#/$defs/variableName"
      },
      "expression": {
        "$ref": "../common.schema.json#/$defs/expression",
        "description": "e.g. `digits + \"-\" + caller`, `len(accountId) == 8`."
      }
    }
  },
  "http-request": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/http-request.schema.json",
    "title": "HTTP request",
    "description": "Calls a web service (URL and body templates, headers, timeout, retries) and maps response fields into variables.",
    "x-title-fr": "Requête",
    "x-description-fr": "Appelle un service web (modèles d’URL et de corps, en-têtes, délai, nouvelles tentatives) et range des champs de la réponse dans des variables.",
    "x-category": "logic",
    "x-outputs": {
      "static": [
        {
          "id": "success",
          "label": {
            "en": "Success (2xx)",
            "fr": "Succès (2xx)"
          },
          "required": true
        },
        {
          "id": "error",
          "label": {
            "en": "Error",
            "fr": "Erreur"
          },
          "required": true
        },
        {
          "id": "timeout",
          "label": {
            "en": "Timeout",
            "fr": "Délai dépassé"
          },
          "required": false,
          "fallback": "error"
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "url"
    ],
    "properties": {
      "method": {
        "type": "string",
        "enum": [
          "GET",
          "POST",
          "PUT",
          "PATCH",
          "DELETE"
        ],
        "default": "GET",
        "description": "HTTP method."
      },
      "url": {
        "$ref": "../common.schema.json#/$defs/template",
        "minLength": 1,
        "maxLength": 2048,
        "pattern": "^(https?://|\\{\\{)",
        "description": "URL template, e.g. https://crm.example.com/customers?phone={{caller}}."
      },
      "headers": {
        "type": "array",
        "maxItems": 20,
        "default": [],
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "name",
            "value"
          ],
          "properties": {
            "name": {
              "type": "string",
              "pattern": "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
              "maxLength": 100
            },
            "value": {
              "$ref": "../common.schema.json#/$defs/template",
              "maxLength": 4000
            },
            "secret": {
              "type": "boolean",
              "default": false,
              "description": "Never shown in logs, call paths or API reads (e.g. Authorization)."
            }
          }
        }
      },
      "body": {
        "$ref": "../common.schema.json#/$defs/template",
        "maxLength": 20000,
        "description": "Body template (POST, PUT, PATCH)."
      },
      "contentType": {
        "type": "string",
        "default": "application/json",
        "maxLength": 100
      },
      "timeoutSeconds": {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 15,
        "default": 5,
        "description": "Per attempt; at most 15 s."
      },
      "retries": {
        "type": "integer",
        "minimum": 0,
        "maximum": 3,
        "default": 0,
        "description": "Extra attempts after a network error, a timeout or a 5xx."
      },
      "statusVariable": {
        "$ref": "../common.schema.json#/$defs/variableName",
        "description": "Optional variable receiving the HTTP status code."
      },
      "responseMappings": {
        "type": "array",
        "maxItems": 50,
        "default": [],
        "description": "JSON response fields copied into variables.",
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "pointer",
            "variable"
          ],
          "properties": {
            "pointer": {
              "type": "string",
              "format": "json-pointer",
              "description": "JSON pointer into the response body, e.g. /customer/id."
            },
            "variable": {
              "$ref": "../common.schema.json#/$defs/variableName"
            }
          }
        }
      }
    }
  },
  "condition": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/condition.schema.json",
    "title": "Condition",
    "description": "Tests expressions in order; the first true branch is taken, else `else`.",
    "x-title-fr": "Condition",
    "x-description-fr": "Teste des expressions dans l’ordre ; la première vraie est prise, sinon « sinon ».",
    "x-category": "logic",
    "x-outputs": {
      "dynamic": {
        "from": "/branches",
        "idField": "id",
        "labelField": "label",
        "required": true
      },
      "static": [
        {
          "id": "else",
          "label": {
            "en": "Else",
            "fr": "Sinon"
          },
          "required": true
        }
      ]
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "branches"
    ],
    "properties": {
      "branches": {
        "type": "array",
        "minItems": 1,
        "maxItems": 20,
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "id",
            "expression"
          ],
          "properties": {
            "id": {
              "$ref": "../common.schema.json#/$defs/outputId"
            },
            "label": {
              "type": "string",
              "maxLength": 80
            },
            "expression": {
              "$ref": "../common.schema.json#/$defs/expression",
              "description": "e.g. `vip == true && hour < 18`."
            }
          }
        }
      }
    }
  },
  "hangup": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://relais.dev/schemas/steps/hangup.schema.json",
    "title": "Hang up",
    "description": "Ends the call, optionally after a final prompt.",
    "x-title-fr": "Raccrocher",
    "x-description-fr": "Termine l’appel, éventuellement après un dernier message.",
    "x-category": "actions",
    "x-outputs": {
      "static": []
    },
    "type": "object",
    "additionalProperties": false,
    "required": [],
    "properties": {
      "prompt": {
        "$ref": "../common.schema.json#/$defs/prompt",
        "description": "Optional final prompt."
      },
      "cause": {
        "type": "string",
        "enum": [
          "normal",
          "busy",
          "rejected"
        ],
        "default": "normal",
        "description": "How the call is ended (before answer: busy/rejected signalled to the caller)."
      }
    }
  },
};
