// A new node of a step type: the schema's defaults, plus starter values for required fields
// that have an obvious start (a prompt text, a menu's first key), so a freshly dropped step
// is as close to valid as possible. Organisation references stay empty: the user picks them.
import { applyStepDefaults, STEP_METADATA, type StepType } from '@/schemas';
import { nextId } from './ids';
import type { EditorLanguage, EditorNode } from './types';

const STARTER_TEXT: Record<EditorLanguage, Partial<Record<StepType, string>>> = {
  fr: {
    message: 'Bonjour et bienvenue.',
    menu: 'Pour le service commercial, tapez 1. Pour le support, tapez 2.',
    input: 'Veuillez saisir votre numéro, suivi de la touche dièse.',
  },
  en: {
    message: 'Hello and welcome.',
    menu: 'For sales, press 1. For support, press 2.',
    input: 'Please enter your number, followed by the hash key.',
  },
};

export function starterConfig(type: StepType, language: EditorLanguage): Record<string, unknown> {
  const text = STARTER_TEXT[language][type];
  const config: Record<string, unknown> = {};
  if (text) config.prompt = { kind: 'tts', text: { [language]: text } };
  switch (type) {
    case 'menu':
      config.keys = [{ key: '1', label: language === 'fr' ? 'Ventes' : 'Sales' }];
      break;
    case 'input':
      config.variable = 'digits';
      break;
    case 'redirect':
      config.target = { kind: 'group' };
      break;
    case 'voicemail':
      config.mailbox = { kind: 'group' };
      break;
    case 'sms':
      config.to = { kind: 'caller' };
      config.template = language === 'fr' ? 'Merci de votre appel.' : 'Thank you for calling.';
      break;
    case 'filter':
      config.patterns = ['+3389*'];
      break;
    case 'split':
      config.branches = [
        { id: 'a', percent: 50 },
        { id: 'b', percent: 50 },
      ];
      break;
    case 'variable':
      config.name = 'myVariable';
      config.expression = 'caller';
      break;
    case 'http-request':
      config.url = 'https://example.com/api?caller={{caller}}';
      break;
    case 'condition':
      config.branches = [{ id: 'yes', label: language === 'fr' ? 'Oui' : 'Yes', expression: 'caller != ""' }];
      break;
  }
  return applyStepDefaults(type, config);
}

export function createNode(type: StepType, position: { x: number; y: number }, taken: Set<string>, language: EditorLanguage): EditorNode {
  return {
    id: nextId(type, taken),
    type,
    position,
    data: { label: STEP_METADATA[type].title[language], config: starterConfig(type, language) },
  };
}
